import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

@Suite struct SeveraMalformedResponseTests {
    /// A body, what the error must say, and the route it replaces.
    struct Case: Sendable, CustomTestStringConvertible {
        let body: String
        let status: Int
        let mentions: String
        var unhealthy = true
        var testDescription: String { "HTTP \(status) \(body.prefix(24))" }
    }

    static let cases = [
        Case(
            body: "<html>Bad gateway</html>", status: 200,
            mentions: "not the Severa API's: an HTML page instead of JSON (HTTP 200, Content-Type application/json"),
        Case(body: #"{"customers":[]}"#, status: 200, mentions: "an object instead of the array of records"),
        Case(body: "[1,2]", status: 200, mentions: "an array whose element 0 is a number"),
        Case(body: "", status: 302, mentions: "HTTP 302; the Severa API answers 2xx or 4xx here"),
        Case(body: "<h1>Access denied</h1>", status: 403, mentions: "an HTML page instead of the API's error"),
        Case(
            body: #"[{"guid":"c1","name":"Acme","number":1001}]"#, status: 200,
            mentions: "lastUpdatedDateTime: missing",
            unhealthy: false),
    ]

    @Test(arguments: cases)
    func aBodyThatIsNotWhatTheAPIDocumentsIsMalformedNamingMethodAndPath(_ bad: Case) async throws {
        let front = SeveraCannedHandler.front(.get, "/rest-api/v1/customers", status: bad.status, body: bad.body)
        try await SeveraSandbox.with(.inProcess, front: front) { sandbox in
            let error = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.customers.find(naturalKey: "1001")
            }
            #expect(error?.kind == .malformedResponse)
            #expect(error?.isUnhealthyAnswer == bad.unhealthy)
            #expect(error?.description.hasPrefix("Severa GET /v1/customers:") == true)
            #expect(error?.message.contains(bad.mentions) == true, "\(error?.description ?? "")")
            sandbox.expectNoSecrets(in: [error?.description ?? ""])
        }
    }

    @Test(arguments: SeveraWire.allCases)
    func aListingWhoseBodyIsGarbageFailsTheStreamAsMalformed(_ wire: SeveraWire) async throws {
        let front = SeveraCannedHandler.front(.get, "/rest-api/v1/worktypes", body: "{not json")
        try await SeveraSandbox.with(wire, front: front) { sandbox in
            let error = await #expect(throws: ConnectorError.self) {
                _ = try await severaPages(sandbox.connector.products.changes(since: nil))
            }
            #expect(error?.kind == .malformedResponse)
            #expect(error?.description.hasPrefix("Severa GET /v1/worktypes:") == true)
        }
    }

    @Test func aListedRecordOfTheWrongShapeIsUnreadableNotThrownOrDropped() async throws {
        let body = #"""
            [{"guid":"c1","name":"Acme","number":"1001","lastUpdatedDateTime":"2026-01-01T00:00:00.000Z"},
             {"guid":"c2","name":"Beta","number":1002,"lastUpdatedDateTime":"2026-01-01T00:00:00.000Z"}]
            """#
        let front = SeveraCannedHandler.front(.get, "/rest-api/v1/customers", body: body)
        try await SeveraSandbox.with(.inProcess, front: front) { sandbox in
            let items = try await severaPages(sandbox.connector.customers.changes(since: nil)).flatMap(\.items)
            #expect(items.count == 2)
            guard case .unreadable(let unreadable) = try #require(items.first), case .record(let good) = items.last
            else {
                Issue.record("expected one unreadable and one readable customer")
                return
            }
            #expect(unreadable.id == "c1")
            #expect(unreadable.reason == "number: expected a number, found a string")
            #expect(unreadable.naturalKey == nil)
            #expect(good.record.number == "1002")
        }
    }

    @Test("A Severa error is rejected with its type, messages and fields, and an echoed token is redacted")
    func anExceptionModelBecomesRejectedWithoutSecrets() async throws {
        let front: @Sendable (any SandboxRequestHandler) -> any SandboxRequestHandler = { wrapped in
            SeveraCannedHandler(wrapped: wrapped, method: .post, path: "/rest-api/v1/products") { request in
                let echoed = request.headers["Authorization"] ?? ""
                let model: JSONValue = [
                    "error": [
                        "httpStatusCode": 400, "type": "InvalidParameter",
                        "details": [
                            [
                                "message": .string("Code is taken (request had \(echoed))"),
                                "location": ["type": "RequestBody", "name": "code"],
                            ],
                            ["message": "Name is too long.", "location": ["type": "RequestBody", "name": "name"]],
                        ],
                    ]
                ]
                return HTTPResponse(
                    status: 400, headers: ["Content-Type": "application/json"], body: JSONSerializer.data(model))
            }
        }
        try await SeveraSandbox.with(.inProcess, front: front) { sandbox in
            let error = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.products.create(Product(code: "1", name: "x"))
            }
            #expect(error?.kind == .rejected)
            #expect(error?.remoteCode == "InvalidParameter")
            #expect(
                error?.message.contains("(field code)") == true
                    && error?.message.contains("Name is too long. (field name)") == true)
            #expect(error?.description.hasPrefix("Severa POST /v1/products:") == true)
            #expect(error?.message.contains("[redacted]") == true)
            sandbox.expectNoSecrets(in: [error?.description ?? ""])
        }
    }
}
