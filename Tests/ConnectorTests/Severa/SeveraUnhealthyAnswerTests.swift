import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

/// Answers that are not the Severa API's (a maintenance page, a proxy, a cut body) are marked so the
/// engine can treat them as an outage (O7).
@Suite struct SeveraUnhealthyAnswerTests {
    static let customer = Customer(
        number: "501", name: "Acme AB", vatNumber: "SE556677889901", kind: .company,
        addresses: [
            .billing: Address(lines: ["Storgatan 1"], postalCode: "111 22", city: "Stockholm", countryCode: "SE")
        ],
        currency: "SEK")

    @Test("O7: a maintenance page on a listing names Severa, the request and the page's first bytes")
    func maintenancePageOnAListing() async throws {
        try await SeveraSandbox.with(.inProcess, faults: "GET /rest-api/v1/customers: html200@1") { sandbox in
            let error = await #expect(throws: ConnectorError.self) {
                _ = try await severaPages(sandbox.connector.customers.changes(since: nil))
            }
            #expect(error?.kind == .malformedResponse)
            #expect(error?.isUnhealthyAnswer == true)
            let text = error?.description ?? ""
            #expect(
                text.hasPrefix(
                    "Severa GET /v1/customers: the answer is not the Severa API's: an HTML page instead of JSON "
                        + "(HTTP 200, Content-Type text/html; charset=utf-8, "), "\(text)")
            #expect(text.contains(#""<!DOCTYPE html>\n"#), "\(text)")
            sandbox.expectNoSecrets(in: [text])
        }
    }

    @Test("O7: the token endpoint answering with a page is unavailable (not unauthorized), naming the token request")
    func tokenEndpointPageIsAnOutage() async throws {
        try await SeveraSandbox.with(.inProcess, faults: "POST /rest-api/v1/token: html200@1") { sandbox in
            let error = await #expect(throws: ConnectorError.self) {
                _ = try await sandbox.connector.customers.find(naturalKey: "1")
            }
            #expect(error?.kind == .unavailable)
            #expect(error?.isUnhealthyAnswer == true)
            let text = error?.description ?? ""
            #expect(text.contains("POST /rest-api/v1/token: the answer to the request to log in"), "\(text)")
            #expect(text.contains("is not the Severa token endpoint's: an HTML page instead of JSON"), "\(text)")
            sandbox.expectNoSecrets(in: [text])
        }
    }

    @Test(
        "O3: a create answered by something other than the API is outcomeUnknown, whether or not it took effect",
        arguments: [("html200@1", 0), ("truncated@1", 1), ("wrong-type@1", 1)])
    func createAnsweredByAPageIsOutcomeUnknown(fault: String, stored: Int) async throws {
        try await SeveraSandbox.with(.inProcess, faults: "POST /rest-api/v1/customers: \(fault)") { sandbox in
            let error = await #expect(throws: ConnectorError.self) {
                _ = try await sandbox.connector.customers.create(Self.customer)
            }
            #expect(error?.kind == .outcomeUnknown)
            #expect(error?.isUnhealthyAnswer == true)
            let found = try await sandbox.connector.customers.find(naturalKey: "501")
            #expect((found == nil ? 0 : 1) == stored)
        }
    }
}
