import Foundation
import JSONSupport
import SyncCore
import Testing

@testable import SeveraConnector

@Suite struct SeveraProjectMappingTests {
    @Test func openProjectIsOngoingAndEndsAtItsDeadline() throws {
        let project = try ProjectMapping.project(
            try severaWire(
                #"""
                {"guid":"p","name":"Webb","number":2024001,"isClosed":false,"closedDate":null,
                 "customer":{"guid":"c","name":"Acme","number":1001},
                 "projectOwner":{"guid":"u","name":"Anna Andersson","firstName":"Anna","lastName":"Andersson"},
                 "startDate":"2025-01-01","deadline":"2025-06-30"}
                """#))
        #expect(
            project
                == Project(
                    number: "2024001", name: "Webb", customerNumber: "1001", status: .ongoing,
                    startDate: LocalDate("2025-01-01"), endDate: LocalDate("2025-06-30"), leader: "Anna Andersson"))
    }

    @Test func closedProjectIsCompletedAndEndsAtItsClosedDate() throws {
        let project = try ProjectMapping.project(
            try severaWire(
                #"""
                {"guid":"p","name":"Webb","number":7,"isClosed":true,"closedDate":"2025-05-02","deadline":"2025-06-30",
                 "projectOwner":{"guid":"u","firstName":"Anna","lastName":"Andersson"}}
                """#))
        #expect(project.status == .completed)
        #expect(project.endDate == LocalDate("2025-05-02"))
        #expect(project.leader == "Anna Andersson")
        #expect(project.customerNumber == nil)
    }

    @Test func aBadDateMakesTheProjectUnreadableNamingTheField() throws {
        let error = #expect(throws: WireError.self) {
            try ProjectMapping.project(try severaWire(#"{"guid":"p","name":"x","number":1,"deadline":"30.6.2025"}"#))
        }
        #expect(error?.field == "deadline")
    }
}
