import Foundation
import JSONSupport
import SyncCore
import Testing

@testable import SeveraConnector

@Suite struct SeveraAddressMappingTests {
    static let countries = ReferenceData.Table(
        codeByGUID: ["se-guid": "SE", "no-guid": "NO"], guidByCode: ["SE": "se-guid", "NO": "no-guid"])

    static func address(
        _ guid: String, line: String, billing: Bool = false, postal: Bool = false, visit: Bool = false,
        stamp: String = "2026-01-01T00:00:00.000Z"
    ) throws -> SeveraAddress {
        let object: JSONValue = [
            "guid": .string(guid), "addressline": .string(line), "postalCode": "111 22", "city": "Stockholm",
            "country": ["guid": "SE-GUID", "name": "Sweden"], "isBillingAddress": .bool(billing),
            "isPostalAddress": .bool(postal), "isVisitAddress": .bool(visit),
            "customer": ["guid": "C1", "number": 1001], "lastUpdatedDateTime": .string(stamp),
        ]
        return try AddressMapping.read(try WireObject(object), countries: countries)
    }

    @Test func multiLineAddresslineBecomesLinesAndCountryItsAlpha2Code() throws {
        let address = try Self.address("a1", line: "Gatan 1\r\nBox 12\n\n", billing: true)
        #expect(address.address.lines == ["Gatan 1", "Box 12"])
        #expect(address.address.countryCode == "SE")
        #expect(address.customerGUID == "c1")
        #expect(address.customerNumber == 1001)
        #expect(address.flags == [.isBillingAddress])
        let body = AddressMapping.createBody(address.address, flags: [.isPostalAddress], countryGUID: "se-guid")
        #expect(body["addressline"] == "Gatan 1\nBox 12")
        #expect(body["isPostalAddress"] == true && body["isBillingAddress"] == false)
    }

    @Test("R2.4: the first listed address of each role wins")
    func firstListedAddressOfEachRoleWins() throws {
        let addresses = [
            try Self.address("a1", line: "Visit 1", visit: true),
            try Self.address("a2", line: "Billing 1", billing: true, postal: true),
            try Self.address("a3", line: "Billing 2", billing: true),
            try Self.address("a4", line: "Postal 2", postal: true),
        ]
        let roles = AddressMapping.roles(of: addresses, flags: SeveraConnector.Options.defaultAddressRoleFlags)
        #expect(roles[.billing]?.lines == ["Billing 1"])
        #expect(roles[.postal]?.lines == ["Billing 1"])
        #expect(roles[.visiting]?.lines == ["Visit 1"])
    }

    @Test func roleFlagsComeFromTheOptions() throws {
        let addresses = [try Self.address("a1", line: "Visit", visit: true)]
        let roles = AddressMapping.roles(of: addresses, flags: [.postal: .isVisitAddress])
        #expect(
            roles == [.postal: Address(lines: ["Visit"], postalCode: "111 22", city: "Stockholm", countryCode: "SE")])
    }

    @Test func unknownCountryMakesTheAddressUnreadableNamingTheField() throws {
        let object = try severaWire(
            #"{"guid":"a1","country":{"guid":"xx"},"lastUpdatedDateTime":"2026-01-01T00:00:00Z"}"#)
        let error = #expect(throws: WireError.self) { try AddressMapping.read(object, countries: Self.countries) }
        #expect(error?.field == "country.guid")
    }

    @Test func customerVersionChangesWhenAnAddressChangesIsAddedOrRemoved() throws {
        let one = try Self.address("a1", line: "x", billing: true)
        let touched = try Self.address("a1", line: "y", billing: true, stamp: "2026-01-01T00:00:01.000Z")
        let two = try Self.address("a2", line: "z")
        let base = AddressMapping.customerVersion(customerStamp: "S", addresses: [one])
        #expect(base.hasPrefix("S;addresses=1:"))
        #expect(AddressMapping.customerVersion(customerStamp: "S", addresses: [touched]) != base)
        #expect(AddressMapping.customerVersion(customerStamp: "S", addresses: [one, two]) != base)
        #expect(AddressMapping.customerVersion(customerStamp: "S", addresses: []) != base)
        #expect(AddressMapping.customerVersion(customerStamp: "S", addresses: [one]) == base)
    }

    @Test func patchReplacesOnlyTheMembersThatDiffer() {
        let current = Address(lines: ["Gatan 1"], postalCode: "111 22", city: "Stockholm", countryCode: "SE")
        let desired = Address(lines: ["Gatan 1", "Box 3"], postalCode: "111 22", city: "Oslo", countryCode: "NO")
        let patch = AddressMapping.patch(from: current, to: desired, countryGUID: "no-guid")
        #expect(
            patch.json
                == [
                    ["op": "replace", "path": "/addressline", "value": "Gatan 1\nBox 3"],
                    ["op": "replace", "path": "/city", "value": "Oslo"],
                    ["op": "replace", "path": "/country/guid", "value": "no-guid"],
                ])
        #expect(AddressMapping.patch(from: current, to: current, countryGUID: "se-guid").isEmpty)
    }
}
