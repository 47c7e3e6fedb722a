import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Fortnox connector: rate limits and retried failures")
struct FortnoxRateLimitTests {
    static func seedCustomers(_ bed: FortnoxTestbed, count: Int) throws {
        for number in 1...count {
            try bed.seed(.customers, ["CustomerNumber": .string(String(number)), "Name": .string("Kund \(number)")])
        }
    }

    @Test(
        "The emulator's own 25-per-5-s limit: a client allowed too much gets 429s, retries, and everything succeeds",
        arguments: FortnoxWire.allCases)
    func emulatorRateLimitIsRetried(wire: FortnoxWire) async throws {
        // The connector believes in 60 per 5 s; Fortnox admits 25. Time is virtual (shared ManualWallClock).
        let eager = RateLimit(maxRequests: 60, window: .seconds(5), maxInFlight: 4)
        let bed = try await FortnoxTestbed(wire, emulatorRateLimit: 25, rateLimit: eager)
        try Self.seedCustomers(bed, count: 80)
        let listed = try await FortnoxTestbed.collect(bed.connector.customers.changes(since: nil))
        #expect(listed.records.count == 80)
        #expect(bed.recorder.count(status: 429) > 0)
        #expect(bed.log.messages.contains { $0.contains("rate limited (HTTP 429)") })
        bed.finish()
    }

    @Test("Forced 429 bursts and 5xx answers to GETs are retried", arguments: FortnoxWire.allCases)
    func burstsAndServerErrorsAreRetriedForGets(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(
            wire, faults: "GET /3/customers/*: burst429@2x3, 503@7, 500@8, retry-after=2")
        try Self.seedCustomers(bed, count: 5)
        for number in 1...5 {
            #expect(try await bed.connector.customers.find(naturalKey: String(number))?.id == String(number))
        }
        #expect(bed.recorder.count(status: 429) == 3)
        #expect(bed.recorder.count(status: 503) == 1)
        #expect(bed.recorder.count(status: 500) == 1)
        #expect(bed.recorder.exchanges(.get, prefix: "/3/customers/").filter { $0.status == 200 }.count == 5)
        bed.finish()
    }

    @Test("A PUT update is retried after a 5xx (it is idempotent)", arguments: FortnoxWire.allCases)
    func anUpdateIsRetriedAfterAServerError(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire, faults: "PUT /3/customers/*: 502@1")
        try Self.seedCustomers(bed, count: 1)
        var customer = Customer(number: "1", name: "Kund 1")
        customer.email = "a@b.se"
        let updated = try await bed.connector.customers.update(id: "1", fields: ["email"], to: customer)
        #expect(updated.record.email == "a@b.se")
        #expect(bed.recorder.exchanges(.put, path: "/3/customers/1").map(\.status) == [502, 200])
        bed.finish()
    }

    @Test("A GET that keeps failing is unavailable, naming Fortnox, method and path", arguments: FortnoxWire.allCases)
    func persistentFailuresAreUnavailable(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire, faults: "GET /3/customers/*: 503=1")
        let error = await #expect(throws: ConnectorError.self) {
            try await bed.connector.customers.find(naturalKey: "1")
        }
        #expect(error?.kind == .unavailable)
        #expect(error?.description.hasPrefix("Fortnox GET /3/customers/1:") == true)
        #expect(bed.recorder.exchanges(.get, path: "/3/customers/1").count == RetryPolicy.standard.maxAttempts)
        bed.finish(errors: error.map { [$0] } ?? [])
    }
}
