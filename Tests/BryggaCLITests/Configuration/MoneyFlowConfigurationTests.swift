import BryggaCLI
import Foundation
import JSONSupport
import SyncCore
import Testing

/// The money flows' keys: `flows.invoices`, `flows.projectFees`, `invoices.*`, `projectFees.*`,
/// `dimensions.*` (R4.1, R4.5, R4.6, R5.3).
@Suite struct MoneyFlowConfigurationTests {
    /// `minimal` with the invoice flow on and the `invoices` section `invoices`.
    static func withInvoices(_ invoices: JSONValue?, extra: [String: JSONValue] = [:]) -> JSONValue {
        var document = ConfigurationFixture.minimal(setting: "flows.invoices", to: true).objectValue ?? [:]
        if let invoices { document["invoices"] = invoices }
        document.merge(extra) { _, new in new }
        return .object(document)
    }

    @Test("R4, R5: the money flows are off unless configured, and then need nothing else")
    func offByDefault() throws {
        let configuration = try TemporaryDirectory().loadConfiguration(ConfigurationFixture.minimal)
        #expect(!configuration.flows.invoices && !configuration.flows.projectFees)
        #expect(configuration.invoices == nil)
        #expect(configuration.projectFees.defaultProduct == nil)
    }

    @Test("R4.1, R4.6, R4.5: the invoice keys are read with their defaults; a paid status turns R6 on")
    func readsTheInvoiceKeys() throws {
        let configuration = try TemporaryDirectory().loadConfiguration(
            Self.withInvoices(
                [
                    "triggerStatus": "Klar", "receivedStatus": "Överförd", "paidStatus": "Betald", "dates": "fortnox",
                    "fieldRoutes": ["Remarks": "notes", "YourOrderNumber": nil],
                ],
                extra: [
                    "dimensions": ["businessUnits": ["STHLM": "STH"], "costCenters": ["100": "KONS"]],
                    "projectFees": ["defaultProduct": "9000"],
                ]))
        let invoices = try #require(configuration.invoices)
        #expect(invoices.triggerStatus == "Klar" && invoices.receivedStatus == "Överförd")
        #expect(invoices.paidStatus == "Betald" && invoices.dates == .fortnox && !invoices.attachments)
        #expect(invoices.fieldRoutes == [.remarks: .notes, .externalInvoiceReference2: .number])
        #expect(invoices.businessUnitCostCenters == ["STHLM": "STH"] && invoices.costCenters == ["100": "KONS"])
        #expect(configuration.projectFees.defaultProduct == "9000")
        #expect(configuration.enabledEntities == [.product, .customer, .project, .invoice, .paidState])
        #expect(configuration.severa.scopes.contains("invoices:write"))
        #expect(configuration.fortnox.scopes.contains("payment") && configuration.fortnox.scopes.contains("invoice"))
    }

    /// Invalid `invoices` sections and the message each gets.
    static let badSections: [(JSONValue, String)] = [
        (JSONValue.null, "invoices: missing; flows.invoices is on"),
        (["triggerStatus": "Klar"], "invoices.receivedStatus: missing; flows.invoices is on"),
        (["triggerStatus": "Klar", "receivedStatus": " klar "], "invoices.receivedStatus: names the trigger status"),
        (
            ["triggerStatus": "Klar", "receivedStatus": "Överförd", "paidStatus": "ÖVERFÖRD"],
            "invoices.paidStatus: names the trigger or received status"
        ),
        (
            [
                "triggerStatus": "Klar", "receivedStatus": "Överförd",
                "fieldRoutes": ["ExternalInvoiceReference1": "notes"],
            ],
            "invoices.fieldRoutes.ExternalInvoiceReference1: is never routable"
        ),
        (
            ["triggerStatus": "Klar", "receivedStatus": "Överförd", "fieldRoutes": ["Remarks": "freeText1"]],
            "invoices.fieldRoutes.Remarks: expected one of"
        ),
        (["triggerStatus": "Klar", "receivedStatus": "Överförd", "dates": "today"], "invoices.dates: expected one of"),
    ]

    @Test(
        "R4.1: the configuration is refused naming the key when a status is missing or names another",
        arguments: MoneyFlowConfigurationTests.badSections)
    func refusesBadInvoiceKeys(invoices: JSONValue, message: String) throws {
        let document = Self.withInvoices(invoices.isNull ? nil : invoices)
        let error = #expect(throws: ConfigurationError.self) {
            try TemporaryDirectory().loadConfiguration(document)
        }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    }

    @Test("R4.1: a paid status alone (invoice flow off) still needs the trigger and received statuses")
    func paidStatusNeedsTheOthers() throws {
        var document = ConfigurationFixture.minimal.objectValue ?? [:]
        document["invoices"] = ["paidStatus": "Betald"]
        let error = #expect(throws: ConfigurationError.self) {
            try TemporaryDirectory().loadConfiguration(.object(document))
        }
        #expect(error?.description.contains("invoices.triggerStatus: missing; invoices.paidStatus is set") == true)
    }

    @Test("R4.5: a Fortnox cost center code longer than 6 characters is refused naming it")
    func refusesLongCostCenterCodes() throws {
        let document = Self.withInvoices(
            ["triggerStatus": "Klar", "receivedStatus": "Överförd"],
            extra: ["dimensions": ["costCenters": ["100": "KONSULTER"]]])
        let error = #expect(throws: ConfigurationError.self) { try TemporaryDirectory().loadConfiguration(document) }
        #expect(error?.description.contains("dimensions.costCenters.100: expected a Fortnox cost center code") == true)
    }
}
