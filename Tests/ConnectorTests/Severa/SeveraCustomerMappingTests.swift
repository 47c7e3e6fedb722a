import Foundation
import JSONSupport
import SyncCore
import Testing

@testable import SeveraConnector

/// A wire object from JSON text.
func severaWire(_ text: String) throws -> WireObject {
    try WireObject(try JSONParser.parse(text))
}

@Suite struct SeveraCustomerMappingTests {
    @Test func customerModelMapsEveryCarriedField() throws {
        let object = try severaWire(
            #"""
            {"guid":"c1","name":"Acme AB","number":1001,"isActive":false,"email":"billing@acme.se",
             "website":"https://acme.se","vatNumber":"SE556677889901","currency":{"guid":"x","code":"sek"},
             "lastUpdatedDateTime":"2026-01-01T08:30:00.000Z"}
            """#)
        let customer = try CustomerMapping.customer(object, addresses: [:])
        #expect(customer.number == "1001")
        #expect(customer.name == "Acme AB")
        #expect(customer.isActive == false)
        #expect(customer.email == "billing@acme.se")
        #expect(customer.website == "https://acme.se")
        #expect(customer.vatNumber == "SE556677889901")
        #expect(customer.currency == "SEK")
        #expect(customer.kind == .company)
        #expect(customer.organisationNumber == nil && customer.phone == nil)
    }

    @Test func emptyTextReadsAsAbsentAndMissingActiveFlagAsActive() throws {
        let object = try severaWire(
            #"{"guid":"c1","name":"Acme","number":7,"email":"","vatNumber":"  ","website":null}"#)
        let customer = try CustomerMapping.customer(object, addresses: [:])
        #expect(customer.email == nil && customer.vatNumber == nil && customer.website == nil)
        #expect(customer.isActive)
    }

    @Test func severaHasNoOrganisationNumberPhoneOrKindSoTheyAreNotCarried() {
        let carried = CustomerMapping.carriedFields
        #expect(!carried.contains("organisationNumber"))
        #expect(!carried.contains("phone"))
        #expect(!carried.contains("kind"))
        #expect(
            carried.isSuperset(of: [
                "number", "name", "vatNumber", "billingAddress", "postalAddress", "visitingAddress",
            ]))
    }

    @Test(arguments: ["K-100", "01234", "12.5", "", "-5", "1e3", "99999999999999999999"])
    func canonicalNumberThatIsNotAPlainIntegerIsAnInvalidRecordNamingIt(_ number: String) {
        let customer = Customer(number: number, name: "Acme")
        let error = #expect(throws: ConnectorError.self) {
            try CustomerMapping.requiredNumber(customer, operation: "POST /v1/customers")
        }
        #expect(error?.kind == .invalidRecord)
        #expect(error?.description.contains("\"\(number)\"") == true)
        #expect(error?.description.hasPrefix("Severa POST /v1/customers:") == true)
    }

    @Test func numberOfTheWrongTypeMakesTheRecordUnreadableNamingTheField() throws {
        let object = try severaWire(#"{"guid":"c1","name":"Acme","number":"1001"}"#)
        let error = #expect(throws: WireError.self) { try CustomerMapping.customer(object, addresses: [:]) }
        #expect(error?.field == "number")
    }

    @Test func createBodyHoldsTheNumberAsAnIntegerAndLeavesAbsentFieldsOut() {
        let customer = Customer(number: "1001", name: "Acme", vatNumber: "SE556677889901", currency: "SEK")
        let body = CustomerMapping.createBody(customer, number: 1001, currencyGUID: "cur-1")
        #expect(body["number"] == .number(JSONNumber(1001)))
        #expect(body["currency"] == ["guid": "cur-1"])
        #expect(body["email"] == nil)
        #expect(body["isActive"] == true)
    }

    @Test func patchReplacesOnlyTheCustomerFieldsAsked() {
        let customer = Customer(number: "1001", name: "Acme 2", email: nil, currency: "EUR")
        let patch = CustomerMapping.patch(
            ["name", "email", "currency", "billingAddress"], of: customer, number: 1001, currencyGUID: "eur")
        #expect(
            patch.json
                == [
                    ["op": "replace", "path": "/currency/guid", "value": "eur"],
                    ["op": "replace", "path": "/email", "value": nil],
                    ["op": "replace", "path": "/name", "value": "Acme 2"],
                ])
    }
}
