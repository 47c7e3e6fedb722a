import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

@Suite("Fortnox emulator: exported state")
struct FortnoxStateTests {
    @Test func exportAndImportKeepRecordsSeriesStampsAndTokens() throws {
        let harness = try FortnoxHarness()
        try harness.seedMasterData()
        try harness.create("customers", "Customer", ["Name": "Burnt"])
        #expect(harness.send(.delete, "/3/customers/2").status == 204)
        try harness.create(
            "invoices", "Invoice",
            ["CustomerNumber": "1", "InvoiceRows": [["ArticleNumber": "A1", "DeliveredQuantity": 2]]])
        let issued = try harness.exchange(code: harness.emulator.issueAuthorizationCode(scopes: ["customer"]))
        let refresh = try #require(issued.json["refresh_token"]?.stringValue)
        let state = harness.emulator.exportState()
        let text = JSONSerializer.string(state)

        let restored = FortnoxEmulator(clock: harness.clock)
        try restored.importState(try JSONParser.parse(text))
        var other = harness
        other = FortnoxHarness(sharing: restored, clock: harness.clock, token: harness.token)
        #expect(try other.get("customers/1", "Customer") == harness.get("customers/1", "Customer"))
        #expect(try other.get("invoices/1", "Invoice") == harness.get("invoices/1", "Invoice"))
        #expect(
            other.send(.get, "/3/customers?lastmodified=2026-01-01%2001:00").json
                == harness.send(.get, "/3/customers?lastmodified=2026-01-01%2001:00").json)
        #expect(
            other.send(.post, "/3/customers", ["Customer": ["Name": "x", "CustomerNumber": "2"]]).errorCode == 2_000_637
        )
        #expect(try other.create("customers", "Customer", ["Name": "Next"])["CustomerNumber"] == "3")
        #expect(
            try other.create("invoices", "Invoice", ["CustomerNumber": "1", "InvoiceRows": [["ArticleNumber": "A1"]]])[
                "InvoiceRows"]?.arrayValue?.first?["RowId"] == 2)

        let first = other.tokenRequest("grant_type=refresh_token&refresh_token=\(refresh)")
        #expect(first.status == 200)
        let second = other.tokenRequest("grant_type=refresh_token&refresh_token=\(refresh)")
        #expect(second.status == 400)
        #expect(second.json["error"] == "invalid_grant")
    }

    @Test func aMalformedStateIsRejectedAndChangesNothing() throws {
        let harness = try FortnoxHarness()
        try harness.create("customers", "Customer", ["Name": "Kept"])
        var state = harness.emulator.exportState().objectValue ?? [:]
        state["tables"] = ["customers": ["records": [["key": "1", "modified": 0, "fields": ["Nonsense": 1]]]]]
        #expect(throws: SandboxStateError.self) { try harness.emulator.importState(.object(state)) }
        #expect(throws: SandboxStateError.self) { try harness.emulator.importState(["format": "something else"]) }
        #expect(try harness.get("customers/1", "Customer")["Name"] == "Kept")
    }
}

extension FortnoxHarness {
    /// A harness around an existing emulator and token.
    init(sharing emulator: FortnoxEmulator, clock: ManualWallClock, token: String) {
        self.clock = clock
        self.emulator = emulator
        self.token = token
    }
}
