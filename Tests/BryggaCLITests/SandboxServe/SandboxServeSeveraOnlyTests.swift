import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `brygga sandbox serve --severa-only`: what `brygga-bench engine --sandbox process` starts, a company
/// about to start Brygga (everything in Severa, an empty Fortnox), with records stamped in the past.
@Suite struct SandboxServeSeveraOnlyTests {
    @Test func seedsCustomersAndProductsIntoSeveraOnlyStampedBeforeNowAndFortnoxHasNoCustomersOrArticles()
        async throws
    {
        let directory = try TemporaryDirectory()
        let server = try await SandboxServeProcess.start(
            [
                "--severa-only", "--no-rate-limits", "--customers", "30", "--products", "7", "--ready-file",
                "ready.json",
            ],
            in: directory.path)
        let ready = try ReadyDocument(
            data: Data(contentsOf: URL(fileURLWithPath: directory.file("ready.json"))), file: "ready.json")
        let client = SandboxAPIClient(ready: ready)
        let fortnoxToken = try await client.fortnoxToken()
        for register in ["customers", "articles"] {
            let reply = try await client.send(
                .get, ready.fortnoxBaseURL + "/3/\(register)", headers: ["Authorization": "Bearer \(fortnoxToken)"])
            #expect(reply.status == 200)
            #expect(try JSONParser.parse(reply.body)["MetaInformation"]?["@TotalResources"] == 0, "\(register)")
        }
        let severaToken = try await client.severaToken()
        let (customers, _) = try await client.allSeveraCustomers(token: severaToken, rowCount: 100)
        let stamps = customers.compactMap { $0["lastUpdatedDateTime"]?.stringValue }
        #expect(stamps.count == customers.count)
        // Stamped a minute apart over past weeks (ISO 8601 sorts as text), none at the time of serving.
        let today = ISO8601DateFormatter().string(from: Date()).prefix(10)
        #expect(stamps.allSatisfy { !$0.hasPrefix(today) }, "\(stamps.prefix(3))")
        #expect(Set(stamps).count >= 30, "the regular customers carry different modification times")

        let outcome = await server.stop(with: SIGTERM)
        #expect(outcome.status == 0, "\(outcome.errorOutput)")
        #expect(
            outcome.errorOutput.contains("in Severa only: 30 customers with "), "\(outcome.errorOutput)")
        #expect(outcome.errorOutput.contains(", 7 products; Fortnox "), "\(outcome.errorOutput)")
    }

    @Test func severaOnlyWithStateExits64() async throws {
        let directory = try TemporaryDirectory()
        let result = try await BryggaProcess.run(
            ["sandbox", "serve", "--severa-only", "--state", "state.json"], in: directory.path)
        #expect(result.status == 64)
        #expect(
            result.errorOutput.hasPrefix(
                "brygga: --severa-only generates fresh data; it cannot be combined with --state"),
            "\(result.errorOutput)")
    }
}
