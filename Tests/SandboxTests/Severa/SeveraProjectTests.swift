import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
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
            .post, "projects", body: ["customer": ["guid": .string(customer)], "projectOwner": ["guid": .string(owner)]])
        SeveraTestHarness.expectError(noName, status: 400, type: "InvalidParameter", name: "name")
        #expect(try harness.get("projects").arrayValue?.isEmpty == true)
    }

    @Test func closingSetsTheClosedDateAndReopeningClearsIt() throws {
        let harness = try SeveraTestHarness(configuration: .init(rateLimit: nil, accessTokenLifetime: 30 * 86_400))
        let project = try seedProject(harness)
        harness.clock.advance(by: 86_400 * 3)
        let closed = harness.call(.patch, "projects/\(project)", body: [["op": "replace", "path": "/isClosed", "value": true]])
        let model = try #require(try SeveraTestHarness.json(closed).arrayValue?.first)
        #expect(model["isClosed"] == true)
        #expect(model["closedDate"] == "2026-01-04")
        let open = harness.call(.patch, "projects/\(project)", body: [["op": "replace", "path": "/isClosed", "value": false]])
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

@Suite struct SeveraProjectFeeTests {
    @Test func postingAFeeAnswers201WithAnArrayAndTakesDefaultsFromTheProduct() throws {
        let harness = try SeveraTestHarness()
        let project = try SeveraProjectTests().seedProject(harness)
        let product = try SeveraTestHarness.guid(
            try harness.emulator.seed(
                .products,
                [
                    "name": "Licens", "code": "1001", "type": "Materials", "unitPrice": ["amount": SeveraTestHarness.number("100.50"), "currencyCode": "SEK"],
                    "vatRate": 25, "measurementUnit": "st",
                ]))
        let response = harness.call(
            .post, "projectfees",
            body: ["project": ["guid": .string(project)], "product": ["guid": .string(product)], "quantity": 2])
        #expect(response.status == 201)
        let fees = try SeveraTestHarness.json(response).arrayValue ?? []
        #expect(fees.count == 1)
        let fee = try #require(fees.first)
        #expect(fee["name"] == "Licens")
        #expect(fee["productType"] == "Materials")
        #expect(fee["unitPrice"] == ["amount": SeveraTestHarness.number("100.50"), "currencyCode": "SEK"])
        #expect(fee["quantity"] == 2)
        #expect(fee["vatRate"] == 25)
        #expect(fee["measurementUnit"] == "st")
        #expect(fee["customer"]?["name"] == "Acme AB")
        #expect(fee["product"]?["code"] == "1001")
        #expect(fee["isBillable"] == true)
        #expect(fee["billingSchedule"] == "Immediately")
        #expect(fee["eventDate"] == "2026-01-01")
        #expect(fee["phase"]?["name"] == "Webbprojekt")
        #expect(try harness.get("projects/\(project)/projectfees").arrayValue == fees)
    }

    @Test func aFeeNeedsAnExistingOpenProject() throws {
        let harness = try SeveraTestHarness()
        SeveraTestHarness.expectError(
            harness.call(.post, "projectfees", body: ["name": "X"]), status: 400, type: "InvalidParameter", name: "project")
        SeveraTestHarness.expectError(
            harness.call(
                .post, "projectfees", body: ["name": "X", "project": ["guid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"]]),
            status: 400, type: "InvalidParameter", name: "project.guid")
        let project = try SeveraProjectTests().seedProject(harness)
        _ = harness.call(.patch, "projects/\(project)", body: [["op": "replace", "path": "/isClosed", "value": true]])
        SeveraTestHarness.expectError(
            harness.call(.post, "projectfees", body: ["name": "X", "project": ["guid": .string(project)]]), status: 400,
            type: "InvalidOperation")
        #expect(try harness.get("projectfees").arrayValue?.isEmpty == true)
    }

    @Test func deletedFeesAppearInTheDeletionFeedSinceTheirDeletion() throws {
        let harness = try SeveraTestHarness()
        let project = try SeveraProjectTests().seedProject(harness)
        let fee = try harness.create("projectfees", ["name": "Kostnad", "project": ["guid": .string(project)], "quantity": 1])
        let guid = try SeveraTestHarness.guid(try #require(fee.arrayValue?.first))
        harness.clock.advance(by: 120)
        #expect(harness.call(.delete, "projectfees/\(guid)").status == 204)
        #expect(harness.call(.get, "projectfees/\(guid)").status == 404)
        let deleted = try harness.get("deletedprojectfees?deletedSince=2026-01-01T00:02:00Z").arrayValue ?? []
        #expect(deleted.count == 1)
        #expect(deleted.first?["guid"] == .string(guid))
        #expect(deleted.first?["deletedDateTime"] == "2026-01-01T00:02:00.000Z")
        #expect(deleted.first?["project"] == ["guid": .string(project)])
        #expect(try harness.get("deletedprojectfees?deletedSince=2026-01-01T00:02:01Z").arrayValue?.isEmpty == true)
        #expect(try harness.get("deletedprojectfees?projectGuids=\(project)").arrayValue?.count == 1)
    }

    @Test func feesAreListedWithChangedSinceAndPatchedByNestedPath() throws {
        let harness = try SeveraTestHarness()
        let project = try SeveraProjectTests().seedProject(harness)
        let fee = try harness.create(
            "projectfees",
            ["name": "Kostnad", "project": ["guid": .string(project)], "unitPrice": ["amount": 10, "currencyCode": "SEK"]])
        let guid = try SeveraTestHarness.guid(try #require(fee.arrayValue?.first))
        harness.clock.advance(by: 10)
        let patched = harness.call(
            .patch, "projectfees/\(guid)", body: [["op": "replace", "path": "/unitPrice/amount", "value": SeveraTestHarness.number("12.75")]])
        #expect(try SeveraTestHarness.json(patched).arrayValue?.first?["unitPrice"]?["amount"]?.numberValue?.literal == "12.75")
        #expect(try harness.get("projectfees?changedSince=2026-01-01T00:00:10Z").arrayValue?.count == 1)
        let currency = harness.call(
            .patch, "projectfees/\(guid)", body: [["op": "replace", "path": "/unitPrice/currencyCode", "value": "EUR"]])
        SeveraTestHarness.expectError(currency, status: 400, type: "InvalidParameter", name: "unitPrice.currencyCode")
        let moveProject = harness.call(
            .patch, "projectfees/\(guid)", body: [["op": "replace", "path": "/project/guid", "value": .string(project)]])
        #expect(moveProject.status == 400)
    }
}
