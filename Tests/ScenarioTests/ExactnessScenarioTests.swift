import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

/// Exactness of the Fortnox change feed (issue 11, O3): Fortnox's `lastmodified` filter takes whole
/// minutes and its list items carry no timestamp, so an edit made right after Brygga's own write, in
/// the same minute, to a field the list items do not carry, must still reach Severa.
@Suite("Exactness: edits in the minute of Brygga's write (O3)")
struct ExactnessScenarioTests {
    @Test(
        "O3: a Fortnox edit of a field list items lack, in the same minute as Brygga's create, reaches Severa",
        arguments: [1.0, 30.0, 59.0])
    func anEditInTheMinuteOfOurWriteIsPickedUp(secondsAfterWrite: TimeInterval) async throws {
        let bed = try await ScenarioBed()
        try bed.seedSeveraCustomer(7001, "Exakt AB")
        let created = await bed.run()
        #expect(created.exitCode == 0)
        #expect(try await bed.fortnoxRecord(.customers, "7001")?["Name"] == "Exakt AB")

        // A Fortnox user sets the web address (not in the customer list items) moments after Brygga's
        // write, within the same minute.
        bed.clock.advance(by: secondsAfterWrite)
        try await bed.fortnoxUser(
            .put, "/3/customers/7001", json: ["Customer": ["WWW": "https://exakt.example.se"]])

        for _ in 0..<3 {
            let result = await bed.run()
            #expect(result.fatal == nil)
        }
        #expect(try await bed.severaCustomer("7001")?.record.website == "https://exakt.example.se")
    }

    @Test("O3: once the cursor has passed an edit, later runs read the record no more")
    func anEditIsReadByTwoRunsAtMost() async throws {
        let bed = try await ScenarioBed()
        try bed.seedSeveraCustomer(7002, "Klocka AB")
        #expect(await bed.run().exitCode == 0)
        try await bed.fortnoxUser(
            .put, "/3/customers/7002", json: ["Customer": ["WWW": "https://klocka.example.se"]])
        #expect(await bed.run().exitCode == 0)
        #expect(try await bed.severaCustomer("7002")?.record.website == "https://klocka.example.se")
        // The next run may list it again (its cursor is a minute before the previous listing); the one
        // after has passed the edit.
        await bed.run()
        let quiet = await bed.run()
        #expect(quiet.exitCode == 0)
        #expect(!bed.fortnoxTraffic.requests.contains { $0.path.hasSuffix("/3/customers/7002") })
    }
}
