import Foundation
import HTTPSupport
import JSONSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A `brygga run` that dies at the worst moment, through the built binary against a loopback sandbox.
@Suite struct CrashResumeEndToEndTests {
    @Test(
        "O3: a run killed between a remote create and its commit is resumed: adopted, never created twice",
        .timeLimit(.minutes(1)))
    func runKilledAfterARemoteCreateIsResumedWithoutADuplicate() async throws {
        let held = HeldRequest(.post, "/3/customers")
        let bed = try await SyncTestbed(
            flows: ["products": false, "customers": true, "projects": false], interceptor: held.intercept)
        // Killed when the customer exists in Fortnox; brygga has not read the answer.
        let killed = try await bed.bryggaKilled(at: held)
        #expect(killed.status == 128 + SIGKILL)

        let resumed = try await bed.brygga(["run"])

        #expect([0, 1].contains(resumed.status), "\(resumed.errorOutput)")
        let log = try await bed.brygga(["log", "--json", "--limit", "10000"])
        let entries = try log.output.split(separator: "\n").map { try JSONParser.parse(Data($0.utf8)) }
        let adopted = entries.filter {
            $0["reason"]?.stringValue == "adopted record created by an interrupted run" && $0["action"] == "linked"
        }
        // The held create and any others of its batch that reached Fortnox before the kill.
        #expect(!adopted.isEmpty, "\(log.output)")
        for key in adopted.compactMap({ $0["naturalKey"]?.stringValue }) {
            let sameKey = entries.filter { $0["naturalKey"]?.stringValue == key && $0["entity"] == "customer" }
            #expect(!sameKey.contains { $0["action"] == "created" }, "the killed run never logged creating \(key)")
            #expect(!sameKey.contains { $0["action"] == "failed" }, "nothing tried to create \(key) a second time")
        }
        let again = try await bed.brygga(["run"])
        #expect(again.output.contains("customers 0 created, 0 updated, 0 linked"), "\(again.output)")
    }
}
