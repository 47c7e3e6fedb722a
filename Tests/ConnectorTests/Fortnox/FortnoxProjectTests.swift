import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Fortnox connector: projects (R3)")
struct FortnoxProjectTests {
    static let website = Project(
        number: "P-100", name: "Ny webbplats", customerNumber: "1001", status: .notStarted,
        startDate: LocalDate("2026-02-01"), endDate: LocalDate("2026-06-30"), leader: "Anna Andersson")

    @Test(
        "R3: a project round-trips; its customer is not carried (Fortnox projects have none)",
        arguments: FortnoxWire.allCases)
    func aProjectRoundTrips(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire)
        let created = try await bed.connector.projects.create(Self.website)
        let sent = try #require(bed.recorder.exchanges(.post, path: "/3/projects").first?.json["Project"])
        #expect(
            sent
                == [
                    "ProjectNumber": "P-100", "Description": "Ny webbplats", "Status": "NOTSTARTED",
                    "StartDate": "2026-02-01", "EndDate": "2026-06-30", "ProjectLeader": "Anna Andersson",
                ])
        var expected = Self.website
        expected.customerNumber = nil
        #expect(created.record == expected)
        #expect(try await bed.connector.projects.find(naturalKey: "P-100")?.record == expected)
        #expect(
            try await FortnoxTestbed.collect(bed.connector.projects.changes(since: nil)).records.map(\.record) == [
                expected
            ])
        #expect(!bed.connector.projects.carriedFields.contains("customerNumber"))
        bed.finish()
    }

    @Test("R3: status changes and an emptied end date are written alone")
    func statusAndClearedDatesAreWrittenAlone() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        _ = try await bed.connector.projects.create(Self.website)
        var done = Self.website
        done.status = .completed
        done.endDate = nil
        let updated = try await bed.connector.projects.update(id: "P-100", fields: ["status", "endDate"], to: done)
        #expect(
            bed.recorder.exchanges(.put, path: "/3/projects/P-100").first?.json == [
                "Project": ["Status": "COMPLETED", "EndDate": ""]
            ])
        #expect(updated.record.status == .completed)
        #expect(updated.record.endDate == nil)
        #expect(updated.record.startDate == Self.website.startDate)
        bed.finish()
    }

    @Test("R3: a name longer than Fortnox's 50 characters is refused, not truncated")
    func aLongNameIsRefused() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        let long = Project(number: "P-2", name: String(repeating: "p", count: 51))
        let error = await #expect(throws: ConnectorError.self) { try await bed.connector.projects.create(long) }
        #expect(error?.kind == .invalidRecord)
        #expect(error?.message.contains("Description") == true)
        #expect(error?.message.contains("50 characters") == true)
        #expect(bed.storedCount(.projects) == 0)
        bed.finish(errors: error.map { [$0] } ?? [])
    }
}
