import Foundation
import SyncCore
import Testing

@testable import BryggaCLI

/// What `brygga check` reports about the money flows' dimensions and VAT rates, from what it read.
@Suite struct MoneyFlowCheckTests {
    static func texts(_ lines: [MoneyFlowCheck.Line], _ verdict: MoneyFlowCheck.Verdict) -> [String] {
        lines.filter { $0.verdict == verdict }.map(\.text)
    }

    @Test(
        "R4.5: mapped codes that do not exist or are inactive, and Severa business units and cost centers without a mapping, are listed"
    )
    func dimensions() {
        let settings = InvoiceFlowSettings(
            triggerStatus: "T", receivedStatus: "R", businessUnitCostCenters: ["STHLM": "STH", "GBG": "GONE"],
            costCenters: ["100": "KONS", "200": "OLD"])
        let units = [
            BusinessUnit(id: "u1", code: "STHLM", name: "Stockholm"),
            BusinessUnit(id: "u2", code: "MMO", name: "Malmö", costCenterIdentifier: "100"),
            BusinessUnit(id: "u3", code: "UME", name: "Umeå"),
            BusinessUnit(id: "u4", code: "OLD", name: "Nedlagd", isActive: false),
        ]
        let lines = MoneyFlowCheck.dimensionLines(
            settings, fortnox: ["STH": true, "KONS": true, "OLD": false, "300": true],
            businessUnits: units, severaCostCenters: ["100": "Konsult", "300": "Sälj", "400": "Lager"])

        let warnings = Self.texts(lines, .warning)
        #expect(warnings.contains("business unit GBG → GONE, which does not exist in Fortnox: left empty on invoices"))
        #expect(warnings.contains("Severa cost center 200 → OLD, which is inactive in Fortnox: left empty on invoices"))
        #expect(warnings.contains { $0.hasPrefix("business unit UME has no entry in dimensions.businessUnits and no") })
        #expect(
            warnings.contains { $0.hasPrefix("Severa cost center 400 (Lager) has no entry in dimensions.costCenters") })
        #expect(!warnings.contains { $0.contains("Severa cost center 300") }, "300 exists in Fortnox as it is")
        #expect(!warnings.contains { $0.contains("OLD has") }, "an inactive business unit is not reported")
        let oks = Self.texts(lines, .ok)
        #expect(oks.contains("business unit STHLM → STH"))
        #expect(
            oks.contains(
                "business unit MMO has no entry in dimensions.businessUnits; its Severa cost center 100 → KONS is used")
        )
    }

    @Test("R4.2: Severa VAT rates a Swedish Fortnox company cannot take are warned about, naming why")
    func vatRates() {
        let lines = MoneyFlowCheck.vatLines(severa: [25, 12, 6, 0, 25.5, 24], accepted: [25, 12, 6, 0])

        #expect(Self.texts(lines, .ok) == ["25, 12, 6, 0 % go to Fortnox as they are"])
        #expect(
            Self.texts(lines, .warning) == [
                "25.5 %: Fortnox takes whole percentages only; invoice rows with it fail (R4.2)",
                "24 %: not a Swedish rate (25, 12, 6, 0 %); invoice rows with it fail (R4.2)",
            ])
    }
}
