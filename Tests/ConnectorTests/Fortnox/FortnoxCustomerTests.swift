import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Fortnox connector: customers (R2)")
struct FortnoxCustomerTests {
    static let acme = Customer(
        number: "1001", name: "Acme AB", organisationNumber: "556677-8899", vatNumber: "SE556677889901",
        kind: .company,
        addresses: [
            .billing: Address(
                lines: ["Box 12", "Storgatan 1"], postalCode: "111 22", city: "Stockholm", countryCode: "SE"),
            .postal: Address(lines: ["Lagergatan 4"], postalCode: "222 33", city: "Lund", countryCode: "SE"),
            .visiting: Address(lines: ["Kungsgatan 9"], postalCode: "411 19", city: "Göteborg", countryCode: "se"),
        ],
        email: "ekonomi@acme.se", phone: "08-123 456", website: "https://acme.se", currency: "SEK", isActive: true)

    @Test("R2.4: a customer with all three address roles round-trips", arguments: FortnoxWire.allCases)
    func aCustomerWithAllThreeAddressRolesRoundTrips(wire: FortnoxWire) async throws {
        let bed = try await FortnoxTestbed(wire)
        let created = try await bed.connector.customers.create(Self.acme)
        #expect(created.id == "1001")
        #expect(created.record == Self.acme)

        let sent = try #require(bed.recorder.exchanges(.post, path: "/3/customers").first?.json["Customer"])
        #expect(sent["Address1"] == "Box 12")
        #expect(sent["Address2"] == "Storgatan 1")
        #expect(sent["DeliveryAddress1"] == "Lagergatan 4")
        #expect(sent["DeliveryCity"] == "Lund")
        #expect(sent["VisitingAddress"] == "Kungsgatan 9")
        #expect(sent["VisitingCountryCode"] == "SE")
        #expect(sent["Type"] == "COMPANY")
        #expect(sent["Phone1"] == "08-123 456")
        #expect(sent["WWW"] == "https://acme.se")

        let found = try #require(try await bed.connector.customers.find(naturalKey: "1001"))
        #expect(found.record == Self.acme)
        let listed = try await FortnoxTestbed.collect(bed.connector.customers.changes(since: nil))
        #expect(listed.records.map(\.record) == [Self.acme])
        bed.finish()
    }

    @Test("R2.3: a private customer is read and written as a private person")
    func aPrivateCustomerKeepsItsKind() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        var person = Customer(number: "7", name: "Eva Ek", kind: .privatePerson)
        person.currency = "SEK"
        let created = try await bed.connector.customers.create(person)
        #expect(bed.recorder.exchanges(.post, path: "/3/customers").first?.json["Customer"]?["Type"] == "PRIVATE")
        #expect(created.record.kind == .privatePerson)
        bed.finish()
    }

    @Test("Street lines beyond Fortnox's fields are joined with \", \" into the last one")
    func extraStreetLinesAreJoined() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        let customer = Customer(
            number: "5", name: "Berg AB",
            addresses: [
                .billing: Address(
                    lines: ["Att: Ekonomi", "Box 5", "Industrivägen 2"], postalCode: "123 45", city: "Solna"),
                .visiting: Address(lines: ["c/o Berg", "Kungsgatan 9"], city: "Göteborg"),
            ], currency: "SEK")
        let created = try await bed.connector.customers.create(customer)
        let sent = try #require(bed.recorder.exchanges(.post, path: "/3/customers").first?.json["Customer"])
        #expect(sent["Address1"] == "Att: Ekonomi")
        #expect(sent["Address2"] == "Box 5, Industrivägen 2")
        #expect(sent["VisitingAddress"] == "c/o Berg, Kungsgatan 9")
        #expect(created.record.addresses[.billing]?.lines == ["Att: Ekonomi", "Box 5, Industrivägen 2"])
        #expect(created.record.addresses[.visiting]?.lines == ["c/o Berg, Kungsgatan 9"])
        bed.finish()
    }

    @Test(
        "A value longer than the Fortnox field is refused as invalidRecord naming field and limit, nothing sent",
        arguments: [
            (
                Customer(
                    number: "9", name: "Lång AB",
                    addresses: [
                        .visiting: Address(lines: [
                            String(repeating: "v", count: 70), String(repeating: "w", count: 60),
                        ])
                    ]), "VisitingAddress", 128
            ),
            (
                Customer(
                    number: "9", name: "Lång AB",
                    addresses: [.billing: Address(lines: ["Gatan 1"], postalCode: "12345678901")]), "ZipCode", 10
            ),
            (
                Customer(number: "9", name: "Lång AB", website: "https://" + String(repeating: "x", count: 125)), "WWW",
                128
            ),
            (Customer(number: "9", name: "Lång AB", currency: "SEKR"), "Currency", 3),
        ])
    func tooLongValuesAreRefused(customer: Customer, field: String, limit: Int) async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        let error = await #expect(throws: ConnectorError.self) { try await bed.connector.customers.create(customer) }
        #expect(error?.kind == .invalidRecord)
        #expect(error?.description.contains(field) == true)
        #expect(error?.description.contains("\(limit) characters") == true)
        #expect(error?.description.hasPrefix("Fortnox POST /3/customers") == true)
        #expect(bed.recorder.exchanges(.post, path: "/3/customers").isEmpty)
        bed.finish(errors: error.map { [$0] } ?? [])
    }

    @Test("An update sends only the changed fields; an emptied field is cleared with \"\"")
    func anUpdateSendsOnlyTheChangedFields() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        _ = try await bed.connector.customers.create(Self.acme)
        var changed = Self.acme
        changed.email = "faktura@acme.se"
        changed.phone = nil
        changed.addresses[.postal] = nil
        changed.name = "Acme Holding AB"  // changed, but not listed: must not be sent
        let updated = try await bed.connector.customers.update(
            id: "1001", fields: ["email", "phone", "postalAddress"], to: changed)

        let put = try #require(bed.recorder.exchanges(.put, path: "/3/customers/1001").first?.json["Customer"])
        #expect(
            put
                == [
                    "Email": "faktura@acme.se", "Phone1": "", "DeliveryAddress1": "", "DeliveryAddress2": "",
                    "DeliveryZipCode": "", "DeliveryCity": "", "DeliveryCountryCode": "",
                ])
        #expect(updated.record.email == "faktura@acme.se")
        #expect(updated.record.phone == nil)
        #expect(updated.record.addresses[.postal] == nil)
        #expect(updated.record.name == "Acme AB")
        bed.finish()
    }

    @Test("The customer number cannot be changed by an update")
    func theKeyCannotChange() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        _ = try await bed.connector.customers.create(Self.acme)
        var renumbered = Self.acme
        renumbered.number = "2002"
        let error = await #expect(throws: ConnectorError.self) {
            try await bed.connector.customers.update(id: "1001", fields: ["number"], to: renumbered)
        }
        #expect(error?.kind == .invalidRecord)
        #expect(bed.recorder.exchanges(.put).isEmpty)
        bed.finish(errors: error.map { [$0] } ?? [])
    }

    @Test("A customer that does not exist is not found (404 → nil)")
    func anUnknownCustomerIsNil() async throws {
        let bed = try await FortnoxTestbed(.inProcess)
        #expect(try await bed.connector.customers.find(naturalKey: "404") == nil)
        bed.finish()
    }

    @Test("The carried fields are the canonical customer's, with the configured address roles")
    func carriedFieldsFollowTheAddressRoles() throws {
        let all = try FortnoxScriptedConnector().connector.customers.carriedFields
        #expect(
            all == [
                "number", "name", "organisationNumber", "vatNumber", "kind", "email", "phone", "website", "currency",
                "isActive", "billingAddress", "postalAddress", "visitingAddress",
            ])
        var options = FortnoxConnector.Options()
        options.addressFields[.visiting] = nil
        let withoutVisiting = try FortnoxScriptedConnector(options: options).connector.customers.carriedFields
        #expect(!withoutVisiting.contains("visitingAddress"))
    }
}
