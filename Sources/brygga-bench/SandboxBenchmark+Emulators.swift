import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import SandboxKit

/// The emulator-backed loads: `GET /3/customers/{n}` against the Fortnox emulator and a Severa
/// customer page, both with rate limits off, a valid bearer token and generated sample data.
extension SandboxBenchmark {
    static func runEmulators(size: SampleDataSize, seed: UInt64, seconds: Int, connections: Int)
        throws(BenchmarkError)
    {
        let sandbox: SandboxEnvironment
        do {
            sandbox = try SandboxEnvironment.listening(.init(rateLimits: false))
        } catch {
            throw .failed(error.description)
        }
        defer { sandbox.stop() }
        guard let servers = sandbox.servers else { throw .failed("the sandbox is not listening") }
        let started = monotonicNanoseconds()
        let summary: SampleDataSummary
        do {
            summary = try sandbox.populate(with: SampleDataGenerator(seed: seed, size: size))
        } catch {
            throw .failed(error.description)
        }
        let generation = Double(monotonicNanoseconds() - started) / 1e9
        let memory = residentMemoryMiB().map { String(format: "%.0f MiB", $0) } ?? "unknown"
        print(
            """

            sample data (seed \(seed): \(size)) seeded into both emulators in \(String(format: "%.2f", generation)) s
              Severa:       \(summary.severa.customers) customers with \(summary.severa.addresses) addresses, \
            \(summary.severa.products + summary.severa.workTypes + summary.severa.travelExpenseTypes) products, \
            \(summary.severa.projects) projects, \(summary.severa.invoices) invoices with \
            \(summary.severa.invoiceRows) rows
              Fortnox:      \(summary.fortnox.customers) customers, \(summary.fortnox.articles) articles with prices, \
            \(summary.fortnox.projects) projects, \(summary.fortnox.supplierInvoices) supplier invoices
              memory:       \(memory) resident after seeding (the whole benchmark process)

            """)

        let fortnoxToken = try fortnoxAccessToken(sandbox)
        // Customers on both sides or Fortnox only: regular number i is in Fortnox unless i % 10 is 7 or 8.
        let numbers = (0..<connections).map { connection -> Int in
            var index = (connection * 7_919) % max(size.customers, 1)
            if (7...8).contains(index % 10) { index -= index % 10 }
            return 10_001 + index
        }
        let fortnoxRequests = numbers.map {
            getRequest(
                "/3/customers/\($0)", port: servers.fortnoxPort, headers: ["Authorization: Bearer \(fortnoxToken)"])
        }
        let fortnoxBody = sandbox.fortnoxHandler.handle(
            ServerRequest(
                method: .get, target: "/3/customers/\(numbers[0])",
                headers: ["Authorization": "Bearer \(fortnoxToken)"]))
        let fortnox = measure(
            port: servers.fortnoxPort, requests: fortnoxRequests, seconds: seconds, connections: connections)
        report("Fortnox emulator, GET /3/customers/{n}", fortnox, bodyBytes: bodySize(fortnoxBody))

        let severaToken = try severaAccessToken(sandbox)
        let pageTarget = "/rest-api/v1/customers?rowCount=20"
        let severaRequest = getRequest(
            pageTarget, port: servers.severaPort,
            headers: [
                "Authorization: Bearer \(severaToken)",
                "Client_Id: \(sandbox.configuration.credentials.severaClientID)",
            ])
        let severaBody = sandbox.severaHandler.handle(
            ServerRequest(method: .get, target: pageTarget, headers: ["Authorization": "Bearer \(severaToken)"]))
        print("")
        let severa = measure(
            port: servers.severaPort, requests: [severaRequest], seconds: seconds, connections: connections)
        report("Severa emulator, GET \(pageTarget) (first page)", severa, bodyBytes: bodySize(severaBody))
        print(machineLine())
    }

    /// A Fortnox access token for every scope, from the authorization-code exchange.
    private static func fortnoxAccessToken(_ sandbox: SandboxEnvironment) throws(BenchmarkError) -> String {
        let credentials = sandbox.configuration.credentials
        let basic = Data("\(credentials.fortnoxClientID):\(credentials.fortnoxClientSecret)".utf8)
        let code = sandbox.issueFortnoxAuthorizationCode()
        let result = sandbox.fortnoxHandler.handle(
            ServerRequest(
                method: .post, target: "/oauth-v1/token",
                headers: [
                    "Authorization": "Basic \(basic.base64EncodedString())",
                    "Content-Type": "application/x-www-form-urlencoded",
                ],
                body: Data("grant_type=authorization_code&code=\(code)".utf8)))
        return try accessToken(in: result, api: "Fortnox")
    }

    /// A Severa access token from client credentials.
    private static func severaAccessToken(_ sandbox: SandboxEnvironment) throws(BenchmarkError) -> String {
        let credentials = sandbox.configuration.credentials
        let body: JSONValue = [
            "client_id": .string(credentials.severaClientID), "client_secret": .string(credentials.severaClientSecret),
            "scope": "customers:read",
        ]
        let result = sandbox.severaHandler.handle(
            ServerRequest(
                method: .post, target: "/rest-api/v1/token", headers: ["Content-Type": "application/json"],
                body: JSONSerializer.data(body)))
        return try accessToken(in: result, api: "Severa")
    }

    private static func accessToken(in result: HandlerResult, api: String) throws(BenchmarkError) -> String {
        guard case .response(let response) = result.outcome, response.status == 200,
            let token = (try? JSONParser.parse(response.body))?["access_token"]?.stringValue
        else { throw .failed("the \(api) emulator gave no access token") }
        return token
    }

    private static func bodySize(_ result: HandlerResult) -> Int {
        if case .response(let response) = result.outcome { return response.body.count }
        return 0
    }
}
