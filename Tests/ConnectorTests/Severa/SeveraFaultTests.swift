import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

@Suite struct SeveraFaultTests {
    static func seedCustomers(_ sandbox: SeveraSandbox, count: Int) throws {
        for number in 1...count {
            let guid = try sandbox.seedCustomer(number: Int64(number), name: "Customer \(number)")
            try sandbox.seedAddress(customer: guid, "Street \(number)", billing: true)
        }
    }

    @Test("A burst of 429s is waited out and the listing completes", arguments: SeveraWire.allCases)
    func rateLimitBurstsAreRetried(_ wire: SeveraWire) async throws {
        try await SeveraSandbox.with(wire, faults: "GET /rest-api/v1/customers: burst429@2x3") { sandbox in
            try Self.seedCustomers(sandbox, count: 250)
            let pages = try await severaPages(sandbox.connector.customers.changes(since: nil))
            #expect(pages.flatMap(\.items).count == 250)
            let listing = sandbox.recorder.exchanges.filter { $0.path == "/rest-api/v1/customers" }
            #expect(listing.filter { $0.status == 429 }.count == 3)
            #expect(listing.filter { $0.status == 200 }.count == 3)
            #expect(sandbox.log.messages.contains { $0.contains("rate limited (HTTP 429)") })
            sandbox.expectNoSecrets(in: [])
        }
    }

    @Test("Severa's own limit of 10 per second is never hit: the client's limiter keeps under it")
    func theClientLimiterKeepsUnderTheEmulatorsLimit() async throws {
        try await SeveraSandbox.with(.inProcess, configuration: .init(), rateLimit: .severa) { sandbox in
            try Self.seedCustomers(sandbox, count: 30)
            let started = sandbox.clock.now()
            for number in 1...30 { _ = try await sandbox.connector.customers.find(naturalKey: String(number)) }
            #expect(sandbox.recorder.exchanges.allSatisfy { $0.status != 429 })
            #expect(sandbox.recorder.apiCalls == 61)
            #expect(sandbox.clock.now().timeIntervalSince(started) >= 5, "61 calls at 10 per second take 6 s")
        }
    }

    @Test("5xx answers to GETs are retried with backoff", arguments: SeveraWire.allCases)
    func serverErrorsOnReadsAreRetried(_ wire: SeveraWire) async throws {
        let faults = "GET /rest-api/v1/customers: 503@1; GET /rest-api/v1/customers/*/addresses: 500@1"
        try await SeveraSandbox.with(wire, faults: faults) { sandbox in
            try Self.seedCustomers(sandbox, count: 1)
            let found = try await sandbox.connector.customers.find(naturalKey: "1")
            #expect(found?.record.addresses[.billing]?.lines == ["Street 1"])
            #expect(sandbox.recorder.exchanges.map(\.status).filter { ($0 ?? 0) >= 500 }.count == 2)
            #expect(sandbox.recorder.apiCalls == 5, "countries, customers ×2, addresses ×2")
        }
    }

    @Test("Reads failing on every attempt end as unavailable naming Severa, method and path")
    func persistentServerErrorsAreUnavailable() async throws {
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(10))
        try await SeveraSandbox.with(.inProcess, faults: "GET /rest-api/v1/projects: 502=1", retryPolicy: policy) {
            sandbox in
            let error = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.projects.find(naturalKey: "1")
            }
            #expect(error?.kind == .unavailable)
            #expect(error?.description.hasPrefix("Severa GET /v1/projects:") == true)
            #expect(sandbox.recorder.count(.get, "/v1/projects") == 3)
        }
    }

    @Test(
        "R4.4: a create whose answer is lost is outcomeUnknown, is found afterwards and exists once",
        arguments: SeveraWire.allCases)
    func lostCreateIsFoundAndNotDuplicated(_ wire: SeveraWire) async throws {
        let faults = "POST /rest-api/v1/customers: lost-response@1; POST /rest-api/v1/products: commit-504@1"
        try await SeveraSandbox.with(wire, faults: faults) { sandbox in
            let customer = Customer(number: "1001", name: "Acme AB", currency: "SEK")
            let lost = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.customers.create(customer)
            }
            #expect(lost?.kind == .outcomeUnknown)
            #expect(lost?.description.hasPrefix("Severa POST /v1/customers:") == true)
            let found = try await sandbox.connector.customers.find(naturalKey: "1001")
            #expect(found?.record == customer)
            #expect(try sandbox.direct.count("/v1/customers") == 1)
            #expect(sandbox.recorder.count(.post, "/v1/customers") == 1, "a POST is never repeated")

            let product = Product(code: "300", name: "Licens")
            let timedOut = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.products.create(product)
            }
            #expect(timedOut?.kind == .outcomeUnknown)
            #expect(try await sandbox.connector.products.find(naturalKey: "300")?.record == product)
            #expect(sandbox.recorder.count(.post, "/v1/products") == 1)
            sandbox.expectNoSecrets(in: [lost?.description ?? "", timedOut?.description ?? ""])
        }
    }

    @Test(
        "A lost answer to an address create inside a customer create is checked, not sent twice",
        arguments: SeveraWire.allCases)
    func lostAddressCreateIsRecovered(_ wire: SeveraWire) async throws {
        try await SeveraSandbox.with(wire, faults: "POST /rest-api/v1/customers/*/addresses: lost-response@1") {
            sandbox in
            let office = Address(lines: ["Gatan 1"], postalCode: "111 22", city: "Stockholm", countryCode: "SE")
            let visit = Address(lines: ["Besök 2"], city: "Stockholm", countryCode: "SE")
            let customer = Customer(
                number: "1001", name: "Acme AB", addresses: [.billing: office, .visiting: visit], currency: "SEK")
            let created = try await sandbox.connector.customers.create(customer)
            #expect(created.record == customer)
            let stored = try #require(try sandbox.direct.get("/v1/customers/\(created.id)/addresses").arrayValue)
            #expect(stored.count == 2)
            #expect(sandbox.recorder.count(.post, "/v1/customers/\(created.id)/addresses") == 2)
        }
    }

    @Test("R5.4: a project fee whose answer is lost is found by its source reference, not created twice")
    func lostFeeCreateIsFoundBySourceReference() async throws {
        try await SeveraSandbox.with(
            .inProcess, faults: "POST /rest-api/v1/projectfees: lost-response@1",
            options: .init(defaultFeeProductCode: "900")
        ) { sandbox in
            let customer = try sandbox.seedCustomer(number: 1001, name: "Acme AB")
            let project = try sandbox.seedProject(number: 2_024_001, name: "Webb", customer: customer)
            try sandbox.seedProduct(.products, code: "900", name: "Övrigt")
            let fee = ProjectFee(
                sourceReference: "si/1/row/1", projectNumber: "2024001", productCode: nil, description: "Frakt",
                date: LocalDate("2025-03-01"), quantity: 1, unitAmount: Money(minorUnits: 5000, currency: .sek))
            let error = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.createProjectFee(fee)
            }
            #expect(error?.kind == .outcomeUnknown)
            let found = try await sandbox.connector.findProjectFee(
                sourceReference: "si/1/row/1", projectNumber: "2024001")
            #expect(found?.record.description == "Frakt")
            #expect(try sandbox.direct.get("/v1/projects/\(project)/projectfees").arrayValue?.count == 1)
        }
    }
}

extension SeveraFaultTests {
    @Test("A customer whose addresses cannot be written is deleted again: a create leaves all or nothing")
    func customerCreateIsUndoneWhenItsAddressesFail() async throws {
        try await SeveraSandbox.with(.inProcess, faults: "POST /rest-api/v1/customers/*/addresses: 503=1") { sandbox in
            let office = Address(lines: ["Gatan 1"], city: "Stockholm", countryCode: "SE")
            let error = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.customers.create(
                    Customer(number: "1001", name: "Acme AB", addresses: [.billing: office]))
            }
            #expect(error?.kind == .unavailable, "nothing remains, so the outcome is known")
            #expect(error?.message.contains("deleted again") == true)
            let remaining = try sandbox.direct.count("/v1/customers")
            #expect(remaining == 0)
            #expect(sandbox.recorder.exchanges.contains { $0.method == .post && $0.status == 503 })
            #expect(sandbox.recorder.exchanges.filter { $0.method == .delete }.count == 1)
        }
    }
}
