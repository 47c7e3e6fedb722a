import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SyncCore
import Testing

@Suite("Fortnox connector: errors name Fortnox, the method and the path (O7)")
struct FortnoxErrorTests {
    @Test("O7: a 404 (capitalised ErrorInformation) on an update is notFound with Fortnox's message and code")
    func notFoundCarriesFortnoxsMessage() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        let customer = Customer(number: "999", name: "Ingen")
        let error = await #expect(throws: ConnectorError.self) {
            try await bed.connector.customers.update(id: "999", fields: ["name"], to: customer)
        }
        #expect(error?.kind == .notFound)
        #expect(error?.remoteCode == "2000433")
        #expect(error?.description == "Fortnox PUT /3/customers/999: HTTP 404: Kan inte hitta kunden. (code 2000433)")
        bed.finish(errors: error.map { [$0] } ?? [])
    }

    @Test("O7: a validation 400 (lower-case ErrorInformation) is rejected with Fortnox's message and code")
    func validationErrorsAreRejected() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        let error = await #expect(throws: ConnectorError.self) {
            try await bed.connector.customers.create(
                Customer(
                    number: "1", name: "Acme AB", addresses: [.billing: Address(lines: ["Gatan 1"], countryCode: "XX")])
            )
        }
        #expect(error?.kind == .rejected)
        #expect(error?.remoteCode != nil)
        #expect(error?.description.hasPrefix("Fortnox POST /3/customers: HTTP 400: ") == true)
        #expect(error?.message.contains("XX") == true)
        bed.finish(errors: error.map { [$0] } ?? [])
    }

    @Test(
        "A missing scope or licence is forbidden, whether Fortnox says 403 or 400",
        arguments: [(403, 2_000_663), (400, 2_000_663), (400, 2_001_101)])
    func scopeAndLicenceErrorsAreForbidden(status: Int, code: Int) async throws {
        let scripted = try FortnoxScriptedConnector()
        scripted.handler.answer(
            "GET /3/settings/company", status: status,
            json: [
                "ErrorInformation": [
                    "error": 1, "message": "Har inte behörighet för scope.", "code": .number(JSONNumber(code)),
                ]
            ])
        let error = await #expect(throws: ConnectorError.self) {
            try await scripted.connector.projectAccountingEnabled()
        }
        #expect(error?.kind == .forbidden)
        #expect(error?.remoteCode == String(code))
        #expect(error?.description.contains("brygga auth fortnox") == true)
        scripted.finish(errors: error.map { [$0] } ?? [])
    }

    @Test(
        "O7: undocumented answers are malformedResponse naming method, path and cause; HTML and no envelope are unhealthy",
        arguments: FortnoxWire.allCases.flatMap { wire in
            [
                (
                    wire,
                    HTTPResponse(
                        status: 200, headers: ["Content-Type": "text/html"], body: Data("<html>oops</html>".utf8)),
                    "an HTML page instead of JSON (HTTP 200, Content-Type text/html, 17 bytes: \"<html>oops</html>\")",
                    true
                ),
                (wire, .json(200, ["Kund": ["CustomerNumber": "1"]]), "{\"Customer\":{…}}", true),
                (wire, .json(200, ["Customer": ["CustomerNumber": "1"]]), "Name: missing", false),
                (
                    wire, .json(200, ["Customer": ["CustomerNumber": "1", "Name": "A", "Active": "kanske"]]), "Active",
                    false
                ),
            ]
        })
    func garbageIsMalformed(wire: FortnoxWire, response: HTTPResponse, detail: String, unhealthy: Bool) async throws {
        let scripted = try FortnoxScriptedConnector(wire)
        scripted.handler.answer("GET /3/customers/1", with: response)
        let error = await #expect(throws: ConnectorError.self) {
            try await scripted.connector.customers.find(naturalKey: "1")
        }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.isUnhealthyAnswer == unhealthy)
        #expect(error?.description.hasPrefix("Fortnox GET /3/customers/1:") == true)
        #expect(error?.message.contains(detail) == true, "\(error?.message ?? "")")
        scripted.finish(errors: error.map { [$0] } ?? [])
    }

    @Test(
        "A list answer without MetaInformation or with a nonsensical page count is malformedResponse",
        arguments: FortnoxWire.allCases)
    func malformedListsAreMalformed(wire: FortnoxWire) async throws {
        let scripted = try FortnoxScriptedConnector(wire)
        scripted.handler.answer("GET /3/customers", json: ["Customers": []])
        scripted.handler.answer(
            "GET /3/units",
            json: ["MetaInformation": ["@TotalResources": 1, "@TotalPages": "many", "@CurrentPage": 1], "Units": []])
        var errors: [any Error] = []
        do {
            _ = try await FortnoxTestbed.collect(scripted.connector.customers.changes(since: nil))
            Issue.record("a list without MetaInformation must fail")
        } catch let error as ConnectorError {
            errors.append(error)
            #expect(error.kind == .malformedResponse)
            #expect(error.isUnhealthyAnswer)
            #expect(error.operation == "GET /3/customers?limit=500&page=1")
            #expect(error.message.contains("MetaInformation"))
        }
        let unitsError = await #expect(throws: ConnectorError.self) { try await scripted.connector.units() }
        #expect(unitsError?.kind == .malformedResponse)
        #expect(unitsError?.isUnhealthyAnswer == true)
        #expect(unitsError?.message.contains("@TotalPages") == true)
        scripted.finish(errors: errors + (unitsError.map { [$0] } ?? []))
    }
}
