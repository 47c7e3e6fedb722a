import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

@Suite("Fortnox emulator: in-process transport and concurrency")
struct FortnoxInProcessTests {
    @Test func theInProcessTransportReachesTheEmulatorWithEncodedPaths() async throws {
        let harness = try FortnoxHarness()
        _ = try harness.emulator.seed(.units, ["Code": "förp", "Description": "Förpackning"])
        let transport = harness.emulator.inProcessTransport()
        let url = try #require(URL(string: "https://api.fortnox.se/3/units/f%C3%B6rp"))
        let response = try await transport.send(
            HTTPRequest(method: .get, url: url, headers: ["Authorization": "Bearer \(harness.token)"])
        )
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true)
        let unit = try JSONParser.parse(response.body)["Unit"]
        #expect(unit?["@url"] == "https://api.fortnox.se/3/units/f%C3%B6rp")

        let listURL = try #require(
            URL(string: "https://api.fortnox.se/3/customers?lastmodified=2026-01-01%2000:00&limit=2"))
        let list = try await transport.send(
            HTTPRequest(method: .get, url: listURL, headers: ["Authorization": "Bearer \(harness.token)"])
        )
        #expect(try JSONParser.parse(list.body)["MetaInformation"]?["@TotalResources"] == 0)
    }

    @Test func concurrentCreatesGetDistinctNumbers() async throws {
        let harness = try FortnoxHarness()
        let transport = harness.emulator.inProcessTransport()
        let token = harness.token
        let url = try #require(URL(string: "https://api.fortnox.se/3/customers"))
        let numbers = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<40 {
                group.addTask {
                    let body = JSONSerializer.data(["Customer": ["Name": .string("Kund \(index)")]])
                    let response = try await transport.send(
                        HTTPRequest(
                            method: .post, url: url,
                            headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
                            body: body
                        )
                    )
                    return try JSONParser.parse(response.body)["Customer"]?["CustomerNumber"]?.stringValue ?? ""
                }
            }
            var collected: [String] = []
            for try await number in group { collected.append(number) }
            return collected
        }
        #expect(Set(numbers) == Set((1...40).map(String.init)))
    }
}
