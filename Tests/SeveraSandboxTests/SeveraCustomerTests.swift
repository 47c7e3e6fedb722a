import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

@Suite struct SeveraCustomerTests {
    @Test func createWithOnlyANameGivesTheFullModelWithDefaults() throws {
        let harness = try SeveraTestHarness()
        let created = try harness.create("customers", ["name": "Acme AB"])
        #expect(created["name"] == "Acme AB")
        #expect(created["number"] == 1001)
        #expect(created["isActive"] == true)
        #expect(created["isInternal"] == false)
        #expect(created["website"] == .null)
        #expect(created["headquarterAddress"] == .null)
        #expect(created["currency"]?["code"] == "SEK")
        #expect(created["createdDateTime"] == "2026-01-01T00:00:00.000Z")
        #expect(created["lastUpdatedDateTime"] == "2026-01-01T00:00:00.000Z")
        #expect(created["createdBy"]?["name"] == "API Integration")
        #expect(created["lastUpdatedBy"]?["guid"] == created["createdBy"]?["guid"])
        let guid = try SeveraTestHarness.guid(created)
        #expect(try harness.get("customers/\(guid)") == created)
    }

    @Test func numbersAreAssignedAboveTheHighestInUse() throws {
        let harness = try SeveraTestHarness()
        try harness.create("customers", ["name": "First", "number": 5000])
        let second = try harness.create("customers", ["name": "Second"])
        #expect(second["number"] == 5001)
    }

    static let invalidBodies: [(body: JSONValue, field: String)] = {
        var cases: [(body: JSONValue, field: String)] = []
        cases.append((["number": 7], "name"))
        cases.append((["name": "   "], "name"))
        cases.append((["name": 12], "name"))
        cases.append((["name": "X", "number": "12"], "number"))
        cases.append((["name": "X", "isActive": nil], "isActive"))
        let unknown: JSONValue = ["guid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"]
        cases.append((["name": "X", "currency": unknown], "currency.guid"))
        cases.append((["name": "X", "kvkNumber": .string(String(repeating: "1", count: 26))], "kvkNumber"))
        return cases
    }()

    @Test(arguments: invalidBodies)
    func invalidCustomersAreRejectedNamingTheFieldAndNothingIsStored(body: JSONValue, field: String) throws {
        let harness = try SeveraTestHarness()
        let response = harness.call(.post, "customers", body: body)
        SeveraTestHarness.expectError(response, status: 400, type: "InvalidParameter", name: field)
        #expect(try harness.get("customers").arrayValue?.isEmpty == true)
    }

    @Test func aTakenCustomerNumberIsRejectedAndNothingChanges() throws {
        let harness = try SeveraTestHarness()
        let first = try harness.create("customers", ["name": "First", "number": 1234])
        let response = harness.call(.post, "customers", body: ["name": "Second", "number": 1234])
        SeveraTestHarness.expectError(response, status: 400, type: "InvalidParameter", name: "number")
        let other = try harness.create("customers", ["name": "Other"])
        let patch = harness.call(
            .patch, "customers/\(try SeveraTestHarness.guid(other))",
            body: [["op": "replace", "path": "/number", "value": 1234]])
        SeveraTestHarness.expectError(patch, status: 400, type: "InvalidParameter", name: "number")
        #expect(try harness.get("customers?numbers=1234").arrayValue == [first])
    }

    @Test func aMalformedBodyIsAnInvalidRequest() throws {
        let harness = try SeveraTestHarness()
        var headers: HTTPHeaders = ["Authorization": "Bearer \(harness.accessToken)"]
        headers["Content-Type"] = "application/json"
        let response = harness.emulator.handle(
            ServerRequest(
                method: .post, target: "/rest-api/v1/customers", headers: headers, body: Data("{\"name\":".utf8)))
        guard case .response(let answer) = response.outcome else {
            Issue.record("no response")
            return
        }
        SeveraTestHarness.expectError(answer, status: 400, type: "InvalidRequest")
        let array = harness.call(.post, "customers", body: [["name": "X"]])
        SeveraTestHarness.expectError(array, status: 400, type: "InvalidRequest")
        #expect(try harness.get("customers").arrayValue?.isEmpty == true)
    }

    @Test func patchReplacesFieldsCaseInsensitivelyAndAnswersAnArray() throws {
        let harness = try SeveraTestHarness()
        let created = try harness.create("customers", ["name": "Acme AB"])
        let guid = try SeveraTestHarness.guid(created)
        harness.clock.advance(by: 5)
        let response = harness.call(
            .patch, "customers/\(guid)",
            body: [
                ["op": "Replace", "path": "/name", "value": "Acme Sverige AB"],
                ["op": "REPLACE", "path": "/vatNumber", "value": "SE556677889901"],
                ["op": "replace", "path": "/currency/guid", "value": .string(try currency("EUR", harness))],
            ])
        #expect(response.status == 200)
        let updated = try #require(try SeveraTestHarness.json(response).arrayValue?.first)
        #expect(updated["name"] == "Acme Sverige AB")
        #expect(updated["vatNumber"] == "SE556677889901")
        #expect(updated["currency"]?["code"] == "EUR")
        #expect(updated["lastUpdatedDateTime"] == "2026-01-01T00:00:05.000Z")
        #expect(updated["createdDateTime"] == created["createdDateTime"])
    }

    @Test(arguments: ["add", "remove", "move", "copy", "test"])
    func patchOperationsOtherThanReplaceAreRejected(op: String) throws {
        let harness = try SeveraTestHarness()
        let guid = try SeveraTestHarness.guid(try harness.create("customers", ["name": "Acme AB"]))
        let response = harness.call(
            .patch, "customers/\(guid)", body: [["op": .string(op), "path": "/name", "value": "Other"]])
        SeveraTestHarness.expectError(response, status: 400, type: "InvalidParameter", name: "op")
        #expect(try harness.get("customers/\(guid)")["name"] == "Acme AB")
    }

    @Test func patchOfReadOnlyOrUnknownPathsIsRejected() throws {
        let harness = try SeveraTestHarness()
        let guid = try SeveraTestHarness.guid(try harness.create("customers", ["name": "Acme AB"]))
        for path in ["/guid", "/createdDateTime", "/noSuchField", "/name/first", "/headquarterAddress"] {
            let response = harness.call(
                .patch, "customers/\(guid)", body: [["op": "replace", "path": .string(path), "value": "x"]])
            #expect(response.status == 400, "\(path)")
        }
        let notArray = harness.call(
            .patch, "customers/\(guid)", body: ["op": "replace", "path": "/name", "value": "x"])
        SeveraTestHarness.expectError(notArray, status: 400, type: "InvalidRequest")
    }

    @Test func deleteAnswers204AndTheCustomerIsGoneWithA404WithoutBody() throws {
        let harness = try SeveraTestHarness()
        let guid = try harness.seedCustomer("Acme AB", addresses: 2)
        #expect(harness.call(.delete, "customers/\(guid)").status == 204)
        let missing = harness.call(.get, "customers/\(guid)")
        #expect(missing.status == 404)
        #expect(missing.body.isEmpty)
        #expect(harness.call(.delete, "customers/\(guid)").status == 404)
        #expect(try harness.get("addresses").arrayValue?.isEmpty == true)
        #expect(harness.call(.get, "customers/not-a-guid").status == 404)
    }

    @Test func listFiltersByActiveNumberNameAndVatNumber() throws {
        let harness = try SeveraTestHarness()
        try harness.emulator.seed(.customers, ["name": "Alpha AB", "number": 1, "vatNumber": "SE1"])
        try harness.emulator.seed(.customers, ["name": "Beta AB", "number": 2, "isActive": false])
        try harness.emulator.seed(.customers, ["name": "Gamma AB", "number": 3, "email": "Billing@Gamma.se"])
        func names(_ query: String) throws -> [String] {
            try harness.get("customers?\(query)").arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        }
        #expect(try names("isActive=false") == ["Beta AB"])
        #expect(try names("isActive=true") == ["Alpha AB", "Gamma AB"])
        #expect(try names("numbers=3&numbers=1") == ["Alpha AB", "Gamma AB"])
        #expect(try names("customerNames=beta%20ab") == ["Beta AB"])
        #expect(try names("vatNumber=SE1") == ["Alpha AB"])
        #expect(try names("emailAddresses=billing@gamma.se") == ["Gamma AB"])
        SeveraTestHarness.expectError(
            harness.call(.get, "customers?isActive=yes"), status: 400, type: "InvalidParameter", name: "isActive")
        SeveraTestHarness.expectError(
            harness.call(.get, "customers?numbers=abc"), status: 400, type: "InvalidParameter", name: "numbers")
    }

    private func currency(_ code: String, _ harness: SeveraTestHarness) throws -> String {
        let all = try harness.get("currencies").arrayValue ?? []
        return try SeveraTestHarness.guid(try #require(all.first { $0["code"]?.stringValue == code }))
    }
}
