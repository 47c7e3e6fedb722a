import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

/// Answers that are not the Fortnox API's (a maintenance page, a proxy, a cut body) are marked so the
/// engine can treat them as an outage (O7), with a message naming the request and what came back.
@Suite("Fortnox connector: answers that are not the API's (O7)")
struct FortnoxUnhealthyAnswerTests {
    static let customer = Customer(
        number: "1001", name: "Acme AB", vatNumber: "SE556677889901", kind: .company,
        addresses: [
            .billing: Address(lines: ["Storgatan 1"], postalCode: "111 22", city: "Stockholm", countryCode: "SE")
        ],
        currency: "SEK")

    @Test("O7: a maintenance page on a listing names Fortnox, the request and the page's first bytes")
    func maintenancePageOnAListing() async throws {
        let bed = try await FortnoxTestbed(.inProcess, emulatorRateLimit: nil, faults: "GET /3/customers: html200@1")
        let error = await #expect(throws: ConnectorError.self) {
            _ = try await FortnoxTestbed.collect(bed.connector.customers.changes(since: nil))
        }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.isUnhealthyAnswer == true)
        let text = error?.description ?? ""
        #expect(
            text.hasPrefix(
                "Fortnox GET /3/customers?limit=500&page=1: the answer is not the Fortnox API's: an HTML page instead "
                    + "of JSON (HTTP 200, Content-Type text/html; charset=utf-8, "), "\(text)")
        #expect(text.contains(#"bytes: "<!DOCTYPE html>\n<html><head><title>Scheduled maintenance"#), "\(text)")
        bed.finish(errors: error.map { [$0] } ?? [])
    }

    @Test("O7: one detail read answered by a page makes that record unreadable with the cause; the others are read")
    func detailReadAnsweredByAPage() async throws {
        let bed = try await FortnoxTestbed(.inProcess, emulatorRateLimit: nil, faults: "GET /3/customers/2: html200@1")
        for number in ["1", "2", "3"] {
            try bed.seed(.customers, ["CustomerNumber": .string(number), "Name": .string("Kund \(number)")])
        }
        let listed = try await FortnoxTestbed.collect(bed.connector.customers.changes(since: nil))
        #expect(listed.records.map(\.id).sorted() == ["1", "3"])
        let unreadable = try #require(listed.unreadable.first)
        #expect(unreadable.naturalKey == "2")
        #expect(unreadable.cause?.isUnhealthyAnswer == true)
        #expect(unreadable.reason.contains("Fortnox GET /3/customers/2: the answer is not the Fortnox API's"))
        bed.finish()
    }

    @Test("O7: a proxy's HTML 404 to a lookup is not 'no such customer' (that would create a duplicate)")
    func htmlNotFoundIsNotAbsent() async throws {
        let scripted = try FortnoxScriptedConnector()
        scripted.handler.answer(
            "GET /3/customers/9",
            with: HTTPResponse(
                status: 404, headers: ["Content-Type": "text/html"], body: Data("<html>Not Found</html>".utf8)))
        let error = await #expect(throws: ConnectorError.self) {
            _ = try await scripted.connector.customers.find(naturalKey: "9")
        }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.isUnhealthyAnswer == true)
        #expect(error?.message.contains("an HTML page instead of the API's error (HTTP 404") == true)
        scripted.finish(errors: error.map { [$0] } ?? [])
    }

    @Test("O7: a redirect is not followed and not the API's answer")
    func redirectIsUnhealthy() async throws {
        let scripted = try FortnoxScriptedConnector()
        scripted.handler.answer(
            "GET /3/customers/9", with: HTTPResponse(status: 302, headers: ["Location": "https://login.example/"]))
        let error = await #expect(throws: ConnectorError.self) {
            _ = try await scripted.connector.customers.find(naturalKey: "9")
        }
        #expect(error?.isUnhealthyAnswer == true)
        #expect(error?.message.contains("a redirect to https://login.example/") == true)
        scripted.finish(errors: error.map { [$0] } ?? [])
    }

    @Test("O7: JSON labelled text/plain is not the API's answer")
    func wrongContentTypeIsUnhealthy() async throws {
        let bed = try await FortnoxTestbed(
            .inProcess, emulatorRateLimit: nil, faults: "GET /3/customers/1: wrong-type@1")
        try bed.seed(.customers, ["CustomerNumber": "1", "Name": "Kund 1"])
        let error = await #expect(throws: ConnectorError.self) {
            _ = try await bed.connector.customers.find(naturalKey: "1")
        }
        #expect(error?.isUnhealthyAnswer == true)
        #expect(error?.message.contains("Content-Type text/plain instead of JSON") == true)
        #expect(try await bed.connector.customers.find(naturalKey: "1")?.record.name == "Kund 1")
        bed.finish(errors: error.map { [$0] } ?? [])
    }

    @Test(
        "O3: a create answered by something other than the API is outcomeUnknown, whether or not it took effect",
        arguments: [("html200@1", 0), ("truncated@1", 1)])
    func createAnsweredByAPageIsOutcomeUnknown(fault: String, stored: Int) async throws {
        let bed = try await FortnoxTestbed(.inProcess, emulatorRateLimit: nil, faults: "POST /3/customers: \(fault)")
        let error = await #expect(throws: ConnectorError.self) {
            _ = try await bed.connector.customers.create(Self.customer)
        }
        #expect(error?.kind == .outcomeUnknown)
        #expect(error?.isUnhealthyAnswer == true)
        #expect(bed.storedCount(.customers) == stored)
        bed.finish(errors: error.map { [$0] } ?? [])
    }

    @Test("O7: the token endpoint answering with a page is unavailable (not unauthorized), naming the token request")
    func tokenEndpointPageIsAnOutage() async throws {
        // Request 1 to the token endpoint is the authorization at set-up; 2 is the first refresh.
        let bed = try await FortnoxTestbed(
            .inProcess, emulatorRateLimit: nil, faults: "POST /oauth-v1/token: html200@2")
        bed.clock.advance(by: 7200)
        let error = await #expect(throws: ConnectorError.self) {
            _ = try await bed.connector.customers.find(naturalKey: "1")
        }
        #expect(error?.kind == .unavailable)
        #expect(error?.isUnhealthyAnswer == true)
        let text = error?.description ?? ""
        #expect(text.hasPrefix("Fortnox GET /3/customers/1: POST /oauth-v1/token: the answer to the request to "))
        #expect(text.contains("is not the Fortnox token endpoint's: an HTML page instead of JSON (HTTP 200"), "\(text)")
        bed.finish(errors: error.map { [$0] } ?? [])
    }
}
