import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

@Suite struct SeveraProjectTests {
    @Test func aProjectNeedsNameCustomerAndOwnerAndGetsANumber() throws {
        let harness = try SeveraTestHarness()
        let customer = try harness.seedCustomer("Acme AB", number: 7)
        let owner = try harness.projectManager()
        let created = try harness.create(
            "projects",
            ["name": "Webbprojekt", "customer": ["guid": .string(customer)], "projectOwner": ["guid": .string(owner)]])
        #expect(created["number"] == 1001)
        #expect(created["customer"] == ["guid": .string(customer), "name": "Acme AB", "number": 7])
        #expect(created["projectOwner"]?["name"] == "Anna Andersson")
        #expect(created["isClosed"] == false)
        #expect(created["closedDate"] == .null)
        #expect(created["currency"]?["code"] == "SEK")
        #expect(created["businessUnit"]?["name"] == "Brygga Sandbox AB")
        #expect(created["projectStatus"]?["name"] == "In progress")
        #expect(created["rootPhase"]?["name"] == "Webbprojekt")
        #expect(created["startDate"] == "2026-01-01")
    }

    @Test func anUnknownCustomerOrMissingOwnerIsRejectedAndNothingIsStored() throws {
        let harness = try SeveraTestHarness()
        let owner = try harness.projectManager()
        let customer = try harness.seedCustomer("Acme AB")
        let unknown = harness.call(
            .post, "projects",
            body: [
                "name": "P", "customer": ["guid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"],
                "projectOwner": ["guid": .string(owner)],
            ])
        SeveraTestHarness.expectError(unknown, status: 400, type: "InvalidParameter", name: "customer.guid")
        let noOwner = harness.call(.post, "projects", body: ["name": "P", "customer": ["guid": .string(customer)]])
        SeveraTestHarness.expectError(noOwner, status: 400, type: "InvalidParameter", name: "projectOwner")
        let noName = harness.call(
            .post, "projects",
            body: ["customer": ["guid": .string(customer)], "projectOwner": ["guid": .string(owner)]])
        SeveraTestHarness.expectError(noName, status: 400, type: "InvalidParameter", name: "name")
        #expect(try harness.get("projects").arrayValue?.isEmpty == true)
    }

    @Test func closingSetsTheClosedDateAndReopeningClearsIt() throws {
        let harness = try SeveraTestHarness(configuration: .init(rateLimit: nil, accessTokenLifetime: 30 * 86_400))
        let project = try seedProject(harness)
        harness.clock.advance(by: 86_400 * 3)
        let closed = harness.call(
            .patch, "projects/\(project)", body: [["op": "replace", "path": "/isClosed", "value": true]])
        let model = try #require(try SeveraTestHarness.json(closed).arrayValue?.first)
        #expect(model["isClosed"] == true)
        #expect(model["closedDate"] == "2026-01-04")
        let open = harness.call(
            .patch, "projects/\(project)", body: [["op": "replace", "path": "/isClosed", "value": false]])
        #expect(try SeveraTestHarness.json(open).arrayValue?.first?["closedDate"] == .null)
        #expect(try harness.get("projects?isClosed=false").arrayValue?.count == 1)
    }

    @Test func nestedGuidPathsMoveAProjectToAnotherCustomer() throws {
        let harness = try SeveraTestHarness()
        let project = try seedProject(harness)
        let other = try harness.seedCustomer("Other AB")
        let response = harness.call(
            .patch, "projects/\(project)", body: [["op": "replace", "path": "/customer/guid", "value": .string(other)]])
        #expect(response.status == 200)
        #expect(try SeveraTestHarness.json(response).arrayValue?.first?["customer"]?["name"] == "Other AB")
        #expect(try harness.get("customers/\(other)/projects").arrayValue?.count == 1)
        #expect(try harness.get("projects?customerGuids=\(other)").arrayValue?.count == 1)
        let bad = harness.call(
            .patch, "projects/\(project)",
            body: [["op": "replace", "path": "/customer/guid", "value": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"]])
        SeveraTestHarness.expectError(bad, status: 400, type: "InvalidParameter", name: "customer.guid")
        #expect(try harness.get("projects/\(project)")["customer"]?["name"] == "Other AB")
    }

    @Test func projectStatusIsSetByStatusType() throws {
        let harness = try SeveraTestHarness()
        let project = try seedProject(harness)
        let types = try harness.get("projectstatustypes").arrayValue ?? []
        let onHold = try SeveraTestHarness.guid(try #require(types.first { $0["name"] == "On hold" }))
        let response = harness.call(
            .patch, "projects/\(project)",
            body: [["op": "replace", "path": "/projectStatus/projectStatusTypeGuid", "value": .string(onHold)]])
        let status = try SeveraTestHarness.json(response).arrayValue?.first?["projectStatus"]
        #expect(status?["name"] == "On hold")
        #expect(status?["projectStatusTypeGuid"] == .string(onHold))
        #expect(try harness.get("projects?projectStatusTypeGuids=\(onHold)").arrayValue?.count == 1)
    }

    @Test func projectNumbersAreUniqueAndFilterable() throws {
        let harness = try SeveraTestHarness()
        _ = try seedProject(harness, number: 2_024_001)
        let customer = try harness.seedCustomer("Other")
        let response = harness.call(
            .post, "projects",
            body: [
                "name": "Dup", "number": 2_024_001, "customer": ["guid": .string(customer)],
                "projectOwner": ["guid": .string(try harness.projectManager())],
            ])
        SeveraTestHarness.expectError(response, status: 400, type: "InvalidParameter", name: "number")
        #expect(try harness.get("projects?numbers=2024001").arrayValue?.count == 1)
    }

    /// Seeds a customer and a project; returns the project's guid.
    func seedProject(_ harness: SeveraTestHarness, number: Int? = nil, name: String = "Webbprojekt") throws -> String {
        let customer = try harness.seedCustomer("Acme AB")
        var model: [String: JSONValue] = [
            "name": .string(name), "customer": ["guid": .string(customer)],
            "projectOwner": ["guid": .string(try harness.projectManager())],
        ]
        if let number { model["number"] = .number(JSONNumber(number)) }
        return try SeveraTestHarness.guid(try harness.emulator.seed(.projects, .object(model)))
    }
}
