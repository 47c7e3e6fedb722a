import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import SandboxKit
import Testing

/// The environment's wiring: credentials, project accounting, faults, the request log and the ready
/// document.
@Suite struct SandboxEnvironmentTests {
    @Test func theReadyDocumentRoundTripsAndItsDescriptionHoldsNoSecret() throws {
        let sandbox = try SandboxEnvironment.listening(.init(rateLimits: false))
        defer { sandbox.stop() }
        let servers = try #require(sandbox.servers)
        let ready = try #require(sandbox.readyDocument(processID: 4242))
        #expect(ready.fortnoxBaseURL == "http://127.0.0.1:\(servers.fortnoxPort)")
        #expect(ready.severaBaseURL == "http://127.0.0.1:\(servers.severaPort)/rest-api")
        #expect(servers.fortnoxPort != servers.severaPort)
        let json = ready.json
        #expect(json["fortnox"]?["authBaseURL"] == json["fortnox"]?["apiBaseURL"])
        #expect(json["pid"] == 4242)
        let parsed = try ReadyDocument(data: ready.data, file: "ready.json")
        #expect(parsed == ready)
        for secret in [
            ready.credentials.fortnoxClientSecret, ready.credentials.severaClientSecret, ready.fortnoxAuthorizationCode,
        ] {
            #expect(!ready.description.contains(secret))
            #expect(!ready.credentials.description.contains(secret))
        }
    }

    @Test func aReadyDocumentWithoutAKeyIsRefusedNamingIt() {
        let text = #"{"format":"brygga-sandbox-ready/1","pid":1,"fortnox":{"apiBaseURL":"http://127.0.0.1:1"}}"#
        let error = #expect(throws: SandboxDocumentError.self) {
            try ReadyDocument(data: Data(text.utf8), file: "ready.json")
        }
        #expect(error?.description == "ready.json: fortnox.authBaseURL: expected a non-empty string")
    }

    @Test func anInProcessSandboxHasNoServersAndNoReadyDocument() {
        let sandbox = SandboxEnvironment()
        #expect(sandbox.servers == nil)
        #expect(sandbox.readyDocument(processID: 1) == nil)
    }

    @Test("R5.1: with project accounting off the supplier invoices are seeded first, then accounting is switched off")
    func projectAccountingOffIsAppliedAfterSeeding() throws {
        let sandbox = SandboxEnvironment(configuration: .init(projectAccounting: false))
        let summary = try sandbox.populate(with: SampleDataGenerator(size: .small))
        #expect(summary.fortnox.supplierInvoices == 2 + 6)
        #expect(sandbox.exportState()["fortnox"]?["projectAccounting"] == false)
    }

    @Test func injectedFaultsAndTheRequestLogApplyPerAPI() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let logURL = directory.appendingPathComponent("requests.jsonl")
        let sink = try RequestLogSink(fileURL: logURL)
        let plan = try FaultPlan.parse("GET /3/units: 503@1; GET /rest-api/v1/*: 502@1")
        let sandbox = SandboxEnvironment(configuration: .init(rateLimits: false, faultPlan: plan, requestLog: sink))
        let fortnox = sandbox.fortnoxTransport()
        let severa = sandbox.severaTransport()
        func get(_ transport: InProcessTransport, _ url: String) async throws -> Int {
            try await transport.send(HTTPRequest(method: .get, url: try #require(URL(string: url)))).status
        }
        #expect(try await get(fortnox, "https://api.fortnox.se/3/units") == 503)
        #expect(try await get(fortnox, "https://api.fortnox.se/3/units") == 401)
        #expect(try await get(severa, "https://api.severa.visma.com/rest-api/v1/customers") == 502)
        #expect(try await get(severa, "https://api.severa.visma.com/rest-api/v1/customers") == 401)
        sink.close()
        let lines = try String(contentsOf: logURL, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4)
        let apis = try lines.map { try JSONParser.parse(String($0))["api"]?.stringValue ?? "" }
        #expect(apis == ["fortnox", "fortnox", "severa", "severa"])
    }
}
