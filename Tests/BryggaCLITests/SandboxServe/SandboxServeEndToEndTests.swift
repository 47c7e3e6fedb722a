import BryggaCLI
import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import SandboxKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `brygga sandbox serve` through the built binary: it comes up, answers like Fortnox and Severa, keeps
/// its state across restarts, logs requests, and stops cleanly.
@Suite struct SandboxServeEndToEndTests {
    @Test func comesUpAnswersLikeBothAPIsAndStopsWithStatus0OnSIGTERM() async throws {
        let directory = try TemporaryDirectory()
        let server = try await SandboxServeProcess.start(
            ["--ready-file", "ready.json", "--size", "demo"], in: directory.path)
        let ready = try ReadyDocument(
            data: Data(contentsOf: URL(fileURLWithPath: directory.file("ready.json"))), file: "ready.json")
        #expect(try directory.permissions(of: "ready.json") == 0o600)
        #expect(ready.processID == server.processID)
        let announced = try #require(server.announcedURLs)
        #expect(announced.fortnox == ready.fortnoxBaseURL)
        #expect(announced.severa == ready.severaBaseURL)
        #expect(ready.severaBaseURL.hasSuffix("/rest-api"))
        #expect(ready.credentials == SandboxCredentials())

        let client = SandboxAPIClient(ready: ready)
        let unauthorized = try await client.send(.get, ready.fortnoxBaseURL + "/3/customers")
        #expect(unauthorized.status == 401)
        #expect(try JSONParser.parse(unauthorized.body) == ["message": "unauthorized"])
        let fortnoxToken = try await client.fortnoxToken()
        let customers = try await client.send(
            .get, ready.fortnoxBaseURL + "/3/customers", headers: ["Authorization": "Bearer \(fortnoxToken)"])
        #expect(customers.status == 200)
        let meta = try #require(try JSONParser.parse(customers.body)["MetaInformation"])
        #expect(meta["@TotalResources"] == 44)
        // The serve command keeps Fortnox's limit on (25 requests per 5 s per token): of 40 requests
        // fired at once, some are refused with Fortnox's 429. The exact split depends on how long a
        // loaded machine takes to send the burst (the request above may already have left the window),
        // so only what holds on any machine is asserted; the limiter's exact arithmetic is tested with
        // an injected clock in the sandbox's own tests.
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    try await client.send(
                        .get, ready.fortnoxBaseURL + "/3/units", headers: ["Authorization": "Bearer \(fortnoxToken)"]
                    ).status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(Set(statuses).isSubset(of: [200, 429]), "\(statuses)")
        #expect(statuses.filter { $0 == 200 }.count >= 24, "the window admits at least the 24 it still had room for")
        #expect(statuses.contains(429), "more than 25 requests within 5 s are refused (25 per 5 s)")

        let severaToken = try await client.severaToken()
        let (severaCustomers, pages) = try await client.allSeveraCustomers(token: severaToken, rowCount: 20)
        #expect(severaCustomers.count == 52)
        #expect(pages == 3)
        let unknown = try await client.send(
            .get, ready.severaBaseURL + "/v1/customers/0b5e0c1d-2f3a-4b5c-8d6e-7f8091a2b3c4",
            headers: ["Authorization": "Bearer \(severaToken)"])
        #expect(unknown.status == 404)

        let outcome = await server.stop(with: SIGTERM)
        #expect(outcome.status == 0, "\(outcome.errorOutput)")
        #expect(outcome.output.hasSuffix("brygga sandbox: stopped\n"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("ready.json")), "the ready file is removed")
    }

    @Test func aCustomerCreatedThroughTheAPIIsStillThereAfterARestartWithTheSameState() async throws {
        let directory = try TemporaryDirectory()
        let first = try await SandboxServeProcess.start(
            ["--ready-file", "ready.json", "--state", "state.json", "--size", "small"], in: directory.path)
        let ready = try ReadyDocument(
            data: Data(contentsOf: URL(fileURLWithPath: directory.file("ready.json"))), file: "ready.json")
        let client = SandboxAPIClient(ready: ready)
        let token = try await client.fortnoxToken()
        let created = try await client.send(
            .post, ready.fortnoxBaseURL + "/3/customers",
            headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
            body: JSONSerializer.data(["Customer": ["CustomerNumber": "77777", "Name": "Omstartad Kund AB"]]))
        #expect(created.status == 201)
        let stopped = await first.stop()
        #expect(stopped.status == 0, "\(stopped.errorOutput)")
        #expect(try directory.permissions(of: "state.json") == 0o600)

        let second = try await SandboxServeProcess.start(
            ["--ready-file", "ready.json", "--state", "state.json", "--seed", "999"], in: directory.path)
        let restarted = try ReadyDocument(
            data: Data(contentsOf: URL(fileURLWithPath: directory.file("ready.json"))), file: "ready.json")
        // The access token was saved with the state, so the same client keeps working.
        let reply = try await SandboxAPIClient(ready: restarted).send(
            .get, restarted.fortnoxBaseURL + "/3/customers/77777", headers: ["Authorization": "Bearer \(token)"])
        #expect(reply.status == 200)
        #expect(try JSONParser.parse(reply.body)["Customer"]?["Name"] == "Omstartad Kund AB")
        let outcome = await second.stop()
        #expect(outcome.status == 0)
        #expect(outcome.errorOutput.contains("loaded the state from \(directory.file("state.json"))"))
    }

    @Test func theRequestLogHasOneJSONLinePerRequestAndNoSecretAndSIGINTAlsoExits0() async throws {
        let directory = try TemporaryDirectory()
        let server = try await SandboxServeProcess.start(
            ["--ready-file", "ready.json", "--request-log", "requests.jsonl", "--size", "small", "--no-rate-limits"],
            in: directory.path)
        let ready = try ReadyDocument(
            data: Data(contentsOf: URL(fileURLWithPath: directory.file("ready.json"))), file: "ready.json")
        let client = SandboxAPIClient(ready: ready)
        let token = try await client.fortnoxToken()
        _ = try await client.send(
            .get, ready.fortnoxBaseURL + "/3/units", headers: ["Authorization": "Bearer \(token)"])
        _ = try await client.send(.get, ready.severaBaseURL + "/v1/customers")
        let outcome = await server.stop(with: SIGINT)
        #expect(outcome.status == 0)
        let log = try directory.read("requests.jsonl")
        let lines = log.split(separator: "\n")
        #expect(lines.count == 3)
        let entries = try lines.map { try JSONParser.parse(String($0)) }
        #expect(entries.map { $0["api"]?.stringValue ?? "" } == ["fortnox", "fortnox", "severa"])
        #expect(
            entries.map { $0["path"]?.stringValue ?? "" } == ["/oauth-v1/token", "/3/units", "/rest-api/v1/customers"])
        #expect(entries.map { $0["status"]?.numberValue?.int64 ?? 0 } == [200, 200, 401])
        for secret in [token, ready.fortnoxAuthorizationCode, ready.credentials.fortnoxClientSecret] {
            #expect(!log.contains(secret))
        }
        #expect(try directory.permissions(of: "requests.jsonl") == 0o600)
    }

    @Test(arguments: [
        (["--customers", "many"], #"option --customers expects a whole number from 0 to 1000000, found "many""#),
        (["--size", "huge"], #"option --size expects one of "demo", "small", "benchmark", found "huge""#),
        (["--faults", "GET /3/customers: teleport@1"], #"option --faults: fault spec clause 1"#),
        (["--fortnox-port", "70000"], "option --fortnox-port expects a whole number from 0 to 65535"),
        (["--bogus"], "unknown option --bogus"),
    ])
    func badOptionsExit64WithAMessage(_ arguments: [String], _ message: String) async throws {
        let directory = try TemporaryDirectory()
        let result = try await BryggaProcess.run(["sandbox", "serve"] + arguments, in: directory.path)
        #expect(result.status == 64)
        #expect(result.errorOutput.hasPrefix("brygga: " + message), "\(result.errorOutput)")
        #expect(result.errorOutput.contains("see 'brygga sandbox serve --help'"))
        #expect(result.output.isEmpty)
    }

    @Test func anUnusableStateFileExits78NamingTheFileAndTheProblem() async throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            #"{"format":"brygga-sandbox-state/1","fortnox":{"format":"x"},"severa":{}}"#, to: "state.json")
        let result = try await BryggaProcess.run(
            ["sandbox", "serve", "--state", "state.json", "--ready-file", "ready.json"], in: directory.path)
        #expect(result.status == 78)
        #expect(
            result.errorOutput.hasPrefix(
                "brygga: unusable sandbox state: \(directory.file("state.json")): fortnox.format: expected"),
            "\(result.errorOutput)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("ready.json")))
    }

    @Test func aPortInUseExits69NamingTheServerAndPort() async throws {
        let directory = try TemporaryDirectory()
        let first = try await SandboxServeProcess.start(["--size", "small"], in: directory.path)
        let fortnox = try #require(first.announcedURLs?.fortnox)
        let port = try #require(fortnox.split(separator: ":").last.map(String.init))
        let result = try await BryggaProcess.run(
            ["sandbox", "serve", "--size", "small", "--fortnox-port", port], in: directory.path)
        #expect(result.status == 69)
        #expect(result.errorOutput.contains("cannot start the sandbox: fortnox: cannot bind 127.0.0.1:\(port)"))
        #expect(await first.stop().status == 0)
    }

    @Test func helpExplainsEveryOptionTheReadyFileAndTheFaultSyntax() async throws {
        let directory = try TemporaryDirectory()
        let result = try await BryggaProcess.run(["sandbox", "serve", "--help"], in: directory.path)
        #expect(result.status == 0)
        for option in [
            "--seed N", "--size NAME", "--customers N", "--products N", "--projects N", "--invoices N",
            "--supplier-invoices N", "--faults SPEC", "--severa-only", "--no-rate-limits", "--no-project-accounting",
            "--state FILE",
            "--request-log FILE", "--ready-file FILE", "--clock-control FILE", "--fortnox-port PORT",
            "--severa-port PORT",
        ] {
            #expect(result.output.contains("  " + option), "\(option)")
        }
        #expect(result.output.contains(FaultPlan.syntaxHelp))
        #expect(result.output.contains("brygga-sandbox-ready/1"))
    }
}
