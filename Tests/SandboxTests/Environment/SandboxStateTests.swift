import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import Testing

/// Saving and restoring a whole sandbox (`--state FILE`).
@Suite struct SandboxStateTests {
    @Test func aRestoredSandboxExportsTheSameState() throws {
        let (original, _) = try SampleSandbox.make(seed: 8, size: .small)
        let saved = original.stateData()
        let restored = SandboxEnvironment(configuration: .init(clock: ManualWallClock(start: SampleSandbox.start)))
        try restored.importState(saved, file: "state.json")
        #expect(restored.stateData() == saved)
    }

    @Test func aCustomerCreatedThroughTheAPISurvivesARestoreAndSoDoesItsToken() async throws {
        let (original, _) = try SampleSandbox.make(size: .small)
        let transport = original.severaTransport()
        let login = try await transport.send(
            HTTPRequest(
                method: .post, url: try #require(URL(string: "https://sandbox.invalid/rest-api/v1/token")),
                headers: ["Content-Type": "application/json"],
                body: JSONSerializer.data([
                    "client_id": "sandbox-severa-client", "client_secret": "sandbox-severa-secret",
                    "scope": "customers:read customers:write",
                ])))
        let token = try #require(try JSONParser.parse(login.body)["access_token"]?.stringValue)
        let created = try await transport.send(
            HTTPRequest(
                method: .post, url: try #require(URL(string: "https://sandbox.invalid/rest-api/v1/customers")),
                headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"],
                body: JSONSerializer.data(["name": "Nyskapad Kund AB", "number": 77_777])))
        #expect(created.status == 201)
        let restored = SandboxEnvironment(configuration: .init(clock: ManualWallClock(start: SampleSandbox.start)))
        try restored.importState(original.stateData(), file: "state.json")
        let reply = try await restored.severaTransport().send(
            HTTPRequest(
                method: .get,
                url: try #require(URL(string: "https://sandbox.invalid/rest-api/v1/customers?numbers=77777")),
                headers: ["Authorization": "Bearer \(token)"]))
        #expect(reply.status == 200)
        #expect(try JSONParser.parse(reply.body).arrayValue?.first?["name"] == "Nyskapad Kund AB")
    }

    @Test(arguments: [
        ("{", "", "not a sandbox state"),
        (#"{"format":"something-else"}"#, "format", #"expected "brygga-sandbox-state/1""#),
        (
            #"{"format":"brygga-sandbox-state/1","severa":{}}"#, "fortnox",
            "expected the fortnox emulator's state object"
        ),
        (#"{"format":"brygga-sandbox-state/1","fortnox":{"format":"x"},"severa":{}}"#, "fortnox.format", "expected"),
    ])
    func aBadDocumentIsRefusedNamingTheFileAndThePlace(_ text: String, _ path: String, _ reason: String) {
        let sandbox = SandboxEnvironment()
        let error = #expect(throws: SandboxDocumentError.self) {
            try sandbox.importState(Data(text.utf8), file: "/tmp/state.json")
        }
        #expect(error?.file == "/tmp/state.json")
        #expect(error?.path == path)
        #expect(error?.reason.hasPrefix(reason) == true, "\(error?.reason ?? "")")
        #expect(error?.description.hasPrefix("/tmp/state.json: ") == true)
    }

    @Test func anErrorDeepInsideAnEmulatorsStateNamesItsFullPathButNoValue() throws {
        let (sandbox, _) = try SampleSandbox.make(size: .small)
        _ = sandbox.issueFortnoxAuthorizationCode()
        var document = sandbox.exportState()
        guard case .object(var top) = document, case .object(var fortnox)? = top["fortnox"],
            case .object(var tokens)? = fortnox["tokens"], case .object(var codes)? = tokens["codes"],
            let code = codes.keys.first
        else {
            Issue.record("unexpected state shape")
            return
        }
        codes[code] = ["subject": "sandbox-fortnox-client"]
        tokens["codes"] = .object(codes)
        fortnox["tokens"] = .object(tokens)
        top["fortnox"] = .object(fortnox)
        document = .object(top)
        let error = #expect(throws: SandboxDocumentError.self) {
            try SandboxEnvironment().importState(JSONSerializer.data(document), file: "state.json")
        }
        #expect(error?.path == "fortnox.tokens.codes")
        #expect(error?.description.contains(code) == false)
    }

    @Test func aMissingFileIsNamedWithTheSystemsReason() {
        let error = #expect(throws: SandboxDocumentError.self) {
            try SandboxEnvironment().loadState(fromFile: "/nonexistent/brygga-state.json")
        }
        #expect(error?.description == "/nonexistent/brygga-state.json: cannot read: No such file or directory")
    }
}
