import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

/// No client secret or token appears in any error description or diagnostic line, whatever fails.
@Suite struct SeveraSecretRedactionTests {
    /// A front answering `method path` with `status` and a body that echoes the request's credentials.
    static func echoing(_ method: HTTPMethod, _ path: String, status: Int)
        -> @Sendable (any SandboxRequestHandler) -> any SandboxRequestHandler
    {
        { wrapped in
            SeveraCannedHandler(wrapped: wrapped, method: method, path: path) { request in
                let echo =
                    "received \(request.headers["Authorization"] ?? "") with \(String(decoding: request.body, as: UTF8.self))"
                return HTTPResponse(
                    status: status, headers: ["Content-Type": "text/plain"], body: Data(echo.utf8))
            }
        }
    }

    @Test func noSecretAppearsInAnyErrorOrLogLineAcrossFailures() async throws {
        var texts: [String] = []
        var checked = 0
        func collect(_ sandbox: SeveraSandbox, _ operation: () async throws -> Void) async {
            do {
                try await operation()
                Issue.record("the scenario was meant to fail")
            } catch {
                texts.append("\(error)")
            }
            texts += sandbox.log.messages
            sandbox.expectNoSecrets(in: texts)
            checked += 1
        }
        // The token endpoint echoes the login body, client secret included.
        try await SeveraSandbox.with(.inProcess, front: Self.echoing(.post, "/rest-api/v1/token", status: 400)) {
            sandbox in
            await collect(sandbox) { _ = try await sandbox.connector.customers.find(naturalKey: "1") }
        }
        // A read keeps failing with a body that echoes the bearer token.
        let retries = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1))
        try await SeveraSandbox.with(
            .inProcess, retryPolicy: retries, front: Self.echoing(.get, "/rest-api/v1/projects", status: 503)
        ) { sandbox in
            await collect(sandbox) { _ = try await sandbox.connector.projects.find(naturalKey: "1") }
        }
        // A rejected write whose error echoes the token and the body.
        try await SeveraSandbox.with(.inProcess, front: Self.echoing(.post, "/rest-api/v1/products", status: 422)) {
            sandbox in
            await collect(sandbox) { _ = try await sandbox.connector.products.create(Product(code: "1", name: "x")) }
        }
        // Lost answers and rate limiting, over loopback.
        try await SeveraSandbox.with(
            .loopback, faults: "* /rest-api/v1/*: burst429@1x2; POST /rest-api/v1/customers: lost-response@1"
        ) { sandbox in
            await collect(sandbox) {
                _ = try await sandbox.connector.customers.create(Customer(number: "1", name: "x"))
            }
        }
        // Wrong credentials.
        try await SeveraSandbox.with(.inProcess, clientSecret: "wrong-secret-of-some-length") { sandbox in
            await collect(sandbox) { _ = try await sandbox.connector.invoiceStatuses() }
            sandbox.expectNoSecrets(in: texts, also: ["wrong-secret-of-some-length"])
        }
        #expect(checked == 5)
        #expect(texts.contains { $0.contains(SecretRedactor.placeholder) }, "echoed secrets were redacted, not absent")
        #expect(texts.contains { $0.hasPrefix("Severa GET /v1/projects:") })
    }
}
