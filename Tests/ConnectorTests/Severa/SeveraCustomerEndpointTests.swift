import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

@Suite struct SeveraCustomerEndpointTests {
    static let office = Address(
        lines: ["Gatan 1", "Box 12"], postalCode: "111 22", city: "Stockholm", countryCode: "SE")
    static let visit = Address(lines: ["Besöksvägen 3"], postalCode: "113 30", city: "Stockholm", countryCode: "SE")
    static let depot = Address(lines: ["Lagervägen 9"], postalCode: "0150", city: "Oslo", countryCode: "NO")

    static let acme = Customer(
        number: "1001", name: "Acme AB", vatNumber: "SE556677889901",
        addresses: [.billing: office, .postal: office, .visiting: visit], email: "billing@acme.se",
        website: "https://acme.se", currency: "EUR")

    /// The customer's addresses as the emulator lists them.
    static func addresses(_ sandbox: SeveraSandbox, _ guid: String) throws -> [JSONValue] {
        try #require(try sandbox.direct.get("/v1/customers/\(guid)/addresses?rowCount=100").arrayValue)
    }

    @Test(arguments: SeveraWire.allCases)
    func customerRoundTripsThroughCreateFindUpdateAndList(_ wire: SeveraWire) async throws {
        try await SeveraSandbox.with(wire) { sandbox in
            let endpoint = sandbox.connector.customers
            let created = try await endpoint.create(Self.acme)
            #expect(created.record == Self.acme)
            let stored = try Self.addresses(sandbox, created.id)
            #expect(stored.count == 2, "equal billing and postal addresses become one address with both flags")
            #expect(stored.first?["isBillingAddress"] == true && stored.first?["isPostalAddress"] == true)
            #expect(stored.first?["addressline"] == "Gatan 1\nBox 12")

            let found = try #require(try await endpoint.find(naturalKey: "1001"))
            #expect(found == created)

            var changed = Self.acme
            changed.name = "Acme Holding AB"
            changed.addresses[.postal] = Self.depot
            let updated = try await endpoint.update(id: created.id, fields: ["name", "postalAddress"], to: changed)
            #expect(updated.record == changed)
            #expect(updated.version != created.version)
            let after = try Self.addresses(sandbox, created.id)
            #expect(after.count == 3, "the shared address keeps billing; postal moves to a new address")
            #expect(after.first?["addressline"] == "Gatan 1\nBox 12")
            #expect(after.first?["isPostalAddress"] == false && after.first?["isBillingAddress"] == true)

            let pages = try await severaPages(endpoint.changes(since: nil))
            #expect(Self.records(pages) == [updated])
            #expect(pages.last?.nextCursor != nil)
            #expect(pages.dropLast().allSatisfy { $0.nextCursor == nil })
        }
    }

    @Test("R2.4: several addresses of one role — the first listed is the customer's")
    func firstListedAddressOfARoleWins() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            let guid = try sandbox.seedCustomer(number: 2001, name: "Multi AB")
            try sandbox.seedAddress(customer: guid, "Visit only", visit: true)
            try sandbox.seedAddress(customer: guid, "First billing", billing: true)
            try sandbox.seedAddress(customer: guid, "Second billing", billing: true, postal: true)
            try sandbox.seedAddress(customer: guid, "Third billing", billing: true)
            let found = try #require(try await sandbox.connector.customers.find(naturalKey: "2001"))
            #expect(found.record.addresses[.billing]?.lines == ["First billing"])
            #expect(found.record.addresses[.postal]?.lines == ["Second billing"])
            #expect(found.record.addresses[.visiting]?.lines == ["Visit only"])
            let listed = try await severaPages(sandbox.connector.customers.changes(since: nil)).flatMap(\.items)
            guard case .record(let record) = try #require(listed.first) else {
                Issue.record("the customer is unreadable")
                return
            }
            #expect(record == found)
        }
    }

    @Test func changingOneRoleOfASharedAddressLeavesTheOtherRolesAndAddressesAlone() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            let guid = try sandbox.seedCustomer(number: 3001, name: "Shared AB")
            let shared = try sandbox.seedAddress(customer: guid, "Shared 1", billing: true, postal: true)
            let second = try sandbox.seedAddress(customer: guid, "Second billing", billing: true)
            let before = try #require(try await sandbox.connector.customers.find(naturalKey: "3001"))
            var changed = before.record
            changed.addresses[.billing] = Self.depot
            let updated = try await sandbox.connector.customers.update(
                id: guid, fields: ["billingAddress"], to: changed)
            #expect(updated.record.addresses[.billing] == Self.depot)
            #expect(updated.record.addresses[.postal] == before.record.addresses[.postal])
            let stored = try Self.addresses(sandbox, guid)
            #expect(stored.count == 2, "the next billing address took the role over and was updated; none created")
            #expect(stored[0]["guid"]?.stringValue == shared && stored[0]["isBillingAddress"] == false)
            #expect(stored[0]["addressline"] == "Shared 1")
            #expect(stored[1]["guid"]?.stringValue == second && stored[1]["addressline"] == "Lagervägen 9")

            changed.addresses[.billing] = nil
            let removed = try await sandbox.connector.customers.update(
                id: guid, fields: ["billingAddress"], to: changed)
            #expect(removed.record.addresses[.billing] == nil)
            #expect(removed.record.addresses[.postal] == before.record.addresses[.postal])
            #expect(try Self.addresses(sandbox, guid).count == 2, "addresses are never deleted")
        }
    }

    /// The records of some pages.
    static func records(_ pages: [ChangePage<Customer>]) -> [RemoteRecord<Customer>] {
        pages.flatMap(\.items).compactMap { item in
            if case .record(let record) = item { return record }
            return nil
        }
    }

    @Test(
        "An address edit reaches the change feed through the address cursor; older records are not re-read",
        arguments: SeveraWire.allCases)
    func addressEditsReachTheChangeFeed(_ wire: SeveraWire) async throws {
        try await SeveraSandbox.with(wire) { sandbox in
            var addressOfSecond = ""
            for number in 1...6 {
                if number == 6 { sandbox.clock.advance(by: 3600) }
                let guid = try sandbox.seedCustomer(number: Int64(4000 + number), name: "Customer \(number)")
                let address = try sandbox.seedAddress(customer: guid, "Street \(number)", billing: true)
                if number == 2 { addressOfSecond = address }
            }
            let first = try await severaPages(sandbox.connector.customers.changes(since: nil))
            #expect(first.flatMap(\.items).count == 6)
            let cursor = try #require(first.last?.nextCursor)
            #expect(cursor.value.contains("addresses=") && cursor.value.contains("customers="))
            let before = try #require(try await sandbox.connector.customers.find(naturalKey: "4002"))

            sandbox.clock.advance(by: 3600)
            try sandbox.direct.replace("/v1/addresses/\(addressOfSecond)", "/addressline", "New street 2")
            let second = try await severaPages(sandbox.connector.customers.changes(since: cursor))
            let records = Self.records(second)
            // 4006 is listed once more (changedSince is greater-or-equal) but the cursor remembers it (O3).
            #expect(records.map(\.record.number).sorted() == ["4002"])
            let changed = try #require(records.first { $0.record.number == "4002" })
            #expect(changed.record.addresses[.billing]?.lines == ["New street 2"])
            #expect(changed.version != before.version, "an address change changes the customer's version")
            let next = try #require(second.last?.nextCursor)
            #expect(next != cursor)

            sandbox.clock.advance(by: 3600)
            let quiet = Self.records(try await severaPages(sandbox.connector.customers.changes(since: next)))
            // Each route's newest record is listed again (4002 for addresses, 4006 for customers) and skipped.
            #expect(quiet.isEmpty)
        }
    }

    @Test func customerNumbersSeveraCannotHoldAreRefusedBeforeAnythingIsSent() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            var customer = Self.acme
            customer.number = "K-77"
            let error = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.customers.create(customer)
            }
            #expect(error?.kind == .invalidRecord)
            #expect(error?.description.contains("K-77") == true)
            let found = try await sandbox.connector.customers.find(naturalKey: "K-77")
            #expect(found == nil)
            #expect(sandbox.recorder.count(.post, "/v1/customers") == 0)
        }
    }

    @Test func unknownCountryOrCurrencyIsAnInvalidRecordAndNothingIsCreated() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            var customer = Self.acme
            customer.addresses[.visiting] = Address(lines: ["X"], countryCode: "ZZ")
            let country = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.customers.create(customer)
            }
            #expect(country?.kind == .invalidRecord)
            #expect(country?.message.contains("ZZ") == true)
            customer = Self.acme
            customer.currency = "XAU"
            let currency = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.customers.create(customer)
            }
            #expect(currency?.message.contains("XAU") == true)
            let stored = try sandbox.direct.count("/v1/customers")
            #expect(stored == 0)
        }
    }
}
