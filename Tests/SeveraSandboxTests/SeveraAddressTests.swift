import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

@Suite struct SeveraAddressTests {
    private func country(_ code: String, _ harness: SeveraTestHarness) throws -> String {
        let matches = try harness.get("localization/countries/\(code)").arrayValue ?? []
        return try SeveraTestHarness.guid(try #require(matches.first))
    }

    @Test func anAddressIsCreatedUnderItsCustomerWithTheCountryResolved() throws {
        let harness = try SeveraTestHarness()
        let customer = try harness.seedCustomer("Acme AB", number: 1001)
        let sweden = try country("SE", harness)
        let created = try harness.create(
            "customers/\(customer)/addresses",
            [
                "addressline": "Gatan 1\nBox 12", "postalCode": "11122", "city": "Stockholm",
                "country": ["guid": .string(sweden)], "isBillingAddress": true, "isPostalAddress": true,
            ])
        #expect(created["customer"] == ["guid": .string(customer), "name": "Acme AB", "number": 1001])
        #expect(created["country"]?["name"] == "Sweden")
        #expect(created["country"]?["hasRegions"] == "NoRegion")
        #expect(created["isVisitAddress"] == false)
        #expect(created["contacts"] == [])
        #expect(created["countryRegion"] == .null)
        let hq = try harness.get("customers/\(customer)")["headquarterAddress"]
        #expect(hq?["city"] == "Stockholm")
        #expect(hq?["country"] == "Sweden")
    }

    @Test("R2.4: several addresses of the same type keep the order they were created in")
    func severalAddressesOfTheSameTypeKeepTheOrderTheyWereCreatedIn() throws {
        let harness = try SeveraTestHarness()
        let customer = try harness.seedCustomer("Acme AB")
        let other = try harness.seedCustomer("Other AB")
        for (index, owner) in [customer, other, customer, customer].enumerated() {
            try harness.create(
                "customers/\(owner)/addresses", ["addressline": .string("Billing \(index)"), "isBillingAddress": true])
            harness.clock.advance(by: 1)
        }
        let listed = try harness.get("customers/\(customer)/addresses").arrayValue ?? []
        #expect(listed.map { $0["addressline"] } == ["Billing 0", "Billing 2", "Billing 3"])
        #expect(listed.allSatisfy { $0["isBillingAddress"] == true })
        let first = try SeveraTestHarness.guid(listed[0])
        _ = harness.call(.patch, "addresses/\(first)", body: [["op": "replace", "path": "/city", "value": "Malmö"]])
        let again = try harness.get("customers/\(customer)/addresses").arrayValue ?? []
        #expect(again.map { $0["addressline"] } == ["Billing 0", "Billing 2", "Billing 3"])
        #expect(again[0]["city"] == "Malmö")
    }

    @Test func seededAddressesKeepEscapedTextAndMatchWhatGetReturns() throws {
        let harness = try SeveraTestHarness()
        let customer = try harness.seedCustomer("Acme \"Quoted\" AB")
        let seeded = try harness.emulator.seedAddress(
            customerGuid: customer, ["addressline": "Gatan 1\nBox 12 \\ \"A\"", "city": "Göteborg"])
        #expect(seeded["addressline"] == "Gatan 1\nBox 12 \\ \"A\"")
        #expect(seeded["customer"]?["name"] == "Acme \"Quoted\" AB")
        #expect(try harness.get("addresses/\(try SeveraTestHarness.guid(seeded))") == seeded)
        #expect(throws: SeveraSeedError.self) {
            try harness.emulator.seedAddress(customerGuid: "3f2504e0-4f89-11d3-9a0c-0305e82c3301", ["city": "X"])
        }
    }

    @Test func addressesOfAnUnknownCustomerAre404() throws {
        let harness = try SeveraTestHarness()
        let unknown = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
        #expect(harness.call(.get, "customers/\(unknown)/addresses").status == 404)
        #expect(harness.call(.post, "customers/\(unknown)/addresses", body: ["city": "X"]).status == 404)
        #expect(try harness.get("addresses").arrayValue?.isEmpty == true)
    }

    @Test func anUnknownCountryIsRejectedAndTheAddressCannotMoveToAnotherCustomer() throws {
        let harness = try SeveraTestHarness()
        let customer = try harness.seedCustomer("Acme AB", addresses: 1)
        let bad = harness.call(
            .post, "customers/\(customer)/addresses",
            body: ["country": ["guid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"]])
        SeveraTestHarness.expectError(bad, status: 400, type: "InvalidParameter", name: "country.guid")
        let address = try SeveraTestHarness.guid(try #require(try harness.get("addresses").arrayValue?.first))
        let move = harness.call(
            .patch, "addresses/\(address)",
            body: [["op": "replace", "path": "/customer/guid", "value": .string(customer)]])
        #expect(move.status == 400)
        #expect(harness.call(.delete, "addresses/\(address)").status == 204)
        #expect(try harness.get("customers/\(customer)/addresses").arrayValue?.isEmpty == true)
    }

    @Test func countriesResolveByGuidCode2Code3AndName() throws {
        let harness = try SeveraTestHarness()
        let all = try harness.get("localization/countries").arrayValue ?? []
        #expect(all.count >= 15)
        for code in ["NO", "nor", "Norway"] {
            let found = try harness.get("localization/countries/\(code)").arrayValue ?? []
            #expect(found.map { $0["code3"] } == ["NOR"], "\(code)")
        }
        let norway = try country("NO", harness)
        #expect(try harness.get("localization/countries/\(norway)")["currency"]?["code"] == "NOK")
        #expect(harness.call(.get, "localization/countries/XX").status == 404)
    }

    @Test func contactPersonsBelongToACustomerAndCanPointAtAnAddress() throws {
        let harness = try SeveraTestHarness()
        let customer = try harness.seedCustomer("Acme AB", addresses: 1)
        let address = try SeveraTestHarness.guid(try #require(try harness.get("addresses").arrayValue?.first))
        let contact = try harness.create(
            "contactpersons",
            [
                "firstName": "Eva", "lastName": "Lind", "customer": ["guid": .string(customer)],
                "addressGuid": .string(address),
            ])
        #expect(contact["name"] == "Eva Lind")
        #expect(contact["customer"]?["name"] == "Acme AB")
        let contacts = try harness.get("addresses/\(address)")["contacts"]
        #expect(contacts == [["guid": contact["guid"] ?? .null, "name": "Eva Lind"]])
        SeveraTestHarness.expectError(
            harness.call(.post, "contactpersons", body: ["firstName": "No", "lastName": "Customer"]), status: 400,
            type: "InvalidParameter", name: "customer")
        #expect(try harness.get("customers/\(customer)/contactpersons").arrayValue?.count == 1)
    }
}
