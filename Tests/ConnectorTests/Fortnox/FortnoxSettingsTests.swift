import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Fortnox connector: units, cost centers and company settings")
struct FortnoxSettingsTests {
    @Test("R1.3: every unit is listed, non-ASCII codes included", arguments: FortnoxWire.allCases)
    func unitsAreListed(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire)
        for (code, name) in [("st", "Styck"), ("h", "Timme"), ("förp", "Förpackning")] {
            try bed.seed(.units, ["Code": .string(code), "Description": .string(name)])
        }
        let units = try await bed.connector.units()
        #expect(
            Set(units)
                == [
                    MeasurementUnit(code: "st", description: "Styck"), MeasurementUnit(code: "h", description: "Timme"),
                    MeasurementUnit(code: "förp", description: "Förpackning"),
                ])
        bed.finish()
    }

    @Test(
        "R4.5: the active cost centers are listed; an inactive one counts as unknown", arguments: FortnoxWire.allCases)
    func activeCostCentersAreListed(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire)
        try bed.seed(.costcenters, ["Code": "ADM", "Description": "Administration"])
        try bed.seed(.costcenters, ["Code": "KONS", "Description": "Konsult"])
        try bed.seed(.costcenters, ["Code": "OLD", "Description": "Nedlagt", "Active": false])
        #expect(try await bed.connector.costCenterCodes() == ["ADM", "KONS"])
        bed.finish()
    }

    @Test("R5.1: project accounting is read from the company settings", arguments: [true, false])
    func projectAccountingIsRead(enabled: Bool) async throws {
        let bed = try await FortnoxTestbed(.inProcess, projectAccounting: enabled)
        #expect(try await bed.connector.projectAccountingEnabled() == enabled)
        bed.finish()
    }

    @Test("R5.1: without a ProjectAccounting setting the configured assumption applies", arguments: [true, false])
    func projectAccountingFallsBackToTheOption(assumed: Bool) async throws {
        var options = FortnoxConnector.Options()
        options.assumesProjectAccounting = assumed
        let scripted = try FortnoxScriptedConnector(options: options)
        scripted.handler.answer("GET /3/settings/company", json: ["CompanySettings": ["Name": "Bolaget AB"]])
        #expect(try await scripted.connector.projectAccountingEnabled() == assumed)
    }
}
