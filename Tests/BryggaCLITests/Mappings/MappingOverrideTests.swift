import BryggaCLI
import Foundation
import JSONSupport
import SyncCore
import Testing

@Suite struct MappingOverrideTests {
    private func override(_ text: String) throws -> MappingOverride {
        try MappingOverride.decode(Data(text.utf8), file: "/etc/brygga/over.json")
    }

    @Test func replacesAddsAndRemovesEntriesOneByOne() throws {
        let merged = try MappingSet.defaults.applying(
            override(
                """
                {
                  "version": 1,
                  "units": {"h": {"severaName": "tim", "aliases": ["timme"]}, "pall": {"severaName": "pall"},
                            "utl": null},
                  "vatRates": {"DK": null, "DE": [19, 7, 0]},
                  "productKinds": {"fortnoxArticleTypes": {"product": "SERVICE"}},
                  "addressRoles": {"visiting": null}
                }
                """
            )
        )
        let defaults = MappingSet.defaults
        #expect(merged.units.entries["h"] == UnitMapping(severaName: "tim", aliases: ["timme"]))
        #expect(merged.units.severaUnit(forFortnoxCode: "h") == "tim")
        #expect(merged.units.fortnoxCode(forSeveraUnit: "hours") == "hours", "the override replaces the whole entry")
        #expect(merged.units.entries["pall"] == UnitMapping(severaName: "pall", aliases: []))
        #expect(merged.units.entries["utl"] == nil)
        #expect(merged.units.entries["st"] == defaults.units.entries["st"])
        #expect(merged.vatRates.rates["DK"] == nil)
        #expect(merged.vatRates.rates["DE"] == [19, 7, 0])
        #expect(merged.vatRates.rates["SE"] == defaults.vatRates.rates["SE"])
        #expect(merged.productKinds.articleType(for: .product) == .service)
        #expect(merged.productKinds.articleType(for: .workType) == .service)
        #expect(merged.productKinds.newFortnoxArticle == defaults.productKinds.newFortnoxArticle)
        #expect(merged.addressRoles[.visiting] == nil)
        #expect(merged.addressRoles[.billing] == defaults.addressRoles[.billing])
    }

    @Test func appliesTheOverrideNamedByTheConfiguration() throws {
        let directory = try TemporaryDirectory()
        try directory.write(#"{"units": {"st": {"severaName": "stk", "aliases": []}}}"#, to: "over.json")
        let configuration = try directory.loadConfiguration(.minimal(setting: "mappings", to: "over.json"))
        #expect(configuration.mappings.units.severaUnit(forFortnoxCode: "st") == "stk")
    }

    static let badFiles: [(text: String, keyPath: String, mentions: String)] = [
        (#"{"unit": {}}"#, "unit", "did you mean \"units\"?"),
        (#"{"version": 2}"#, "version", "expected 1 (the only mapping file version), found 2"),
        (#"{"addressRoles": {"office": null}}"#, "addressRoles.office", "unknown key \"office\""),
        (
            #"{"addressRoles": {"billing": {"severaFlag": "isBilling", "fortnox": {}}}}"#,
            "addressRoles.billing.severaFlag", "expected one of \"isBillingAddress\""
        ),
        (
            #"{"addressRoles": {"billing": {"severaFlag": "isBillingAddress", "fortnox": {"line1": "Adress1"}}}}"#,
            "addressRoles.billing.fortnox.line1", "did you mean \"Address1\"?"
        ),
        (
            #"{"addressRoles": {"postal": {"severaFlag": "isBillingAddress", "fortnox": {"line1": "DeliveryAddress1", "postalCode": "DeliveryZipCode", "city": "DeliveryCity", "countryCode": "DeliveryCountryCode"}}}}"#,
            "addressRoles.postal.severaFlag", "is also the flag of role \"billing\""
        ),
        (
            #"{"units": {"tim": {"severaName": "tim", "aliases": ["h"]}}}"#, "units.tim",
            "the spelling \"h\" also selects unit \"h\""
        ),
        (#"{"units": {"h": {"aliases": ["x"]}}}"#, "units.h.severaName", "missing"),
        (#"{"units": {"h": {"severaName": "h", "aliases": ["ok", ""]}}}"#, "units.h.aliases[1]", "non-empty string"),
        (#"{"units": {"a-very-long-unit-code-indeed": null}}"#, "units.a-very-long-unit-code-indeed", "1 to 20"),
        (#"{"vatRates": {"se": [25]}}"#, "vatRates.se", "two-letter upper-case country code"),
        (#"{"vatRates": {"SE": [25, 250]}}"#, "vatRates.SE[1]", "percentage from 0 to 100"),
        (#"{"vatRates": {"SE": [25, 25.0]}}"#, "vatRates.SE[1]", "listed twice"),
        (#"{"vatRates": {"SE": []}}"#, "vatRates.SE", "non-empty array"),
        (
            #"{"productKinds": {"newFortnoxArticle": {"register": "service", "severaProductType": "Materials"}}}"#,
            "productKinds.newFortnoxArticle.register", "expected one of \"work_type\", \"travel_expense\", \"product\""
        ),
        (
            #"{"productKinds": {"fortnoxArticleTypes": {"product": "GOODS"}}}"#,
            "productKinds.fortnoxArticleTypes.product", "expected one of \"STOCK\", \"SERVICE\", found \"GOODS\""
        ),
    ]

    @Test(arguments: badFiles)
    func namesTheFileAndKeyOfABadEntry(text: String, keyPath: String, mentions: String) throws {
        let error = try #require(throws: JSONDocumentError.self) {
            try MappingSet.defaults.applying(override(text))
        }
        #expect(error.file == "/etc/brygga/over.json")
        #expect(error.keyPath == keyPath, "\(error)")
        #expect(error.description.hasPrefix("/etc/brygga/over.json: \(keyPath): "), "\(error)")
        #expect(error.description.contains(mentions), "\(error)")
    }

    @Test func badOverrideFilesStopTheConfigurationLoad() throws {
        let directory = try TemporaryDirectory()
        try directory.write("{\"units\": {\n  \"h\": {\"severaName\": 5}}}", to: "over.json")
        let error = try #require(throws: ConfigurationError.self) {
            try directory.loadConfiguration(.minimal(setting: "mappings", to: "over.json"))
        }
        #expect(
            error.description
                == "\(directory.file("over.json")): units.h.severaName: expected a non-empty string, found 5")
        #expect(ExitCode(for: error) == .configuration)
    }

    @Test func locatesSyntaxErrorsByLineAndCharacterColumn() {
        let data = Data("{\n  \"förp\": x}".utf8)
        let error = #expect(throws: JSONDocumentError.self) { try JSONDocument.parse(data, file: "m.json") }
        #expect(error?.line == 2)
        #expect(error?.column == 11)
        #expect(error?.description.hasPrefix("m.json: line 2, column 11: not valid JSON: ") == true)
    }
}
