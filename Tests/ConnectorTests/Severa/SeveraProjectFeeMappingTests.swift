import Foundation
import JSONSupport
import SyncCore
import Testing

@testable import SeveraConnector

@Suite struct SeveraProjectFeeMappingTests {
    static let fee = ProjectFee(
        sourceReference: "supplierinvoice/17/row/2", projectNumber: "2024001", productCode: "300",
        description: "Hyrbil", date: LocalDate("2025-03-01"), quantity: Decimal(2),
        unitAmount: Money(minorUnits: 12_550, currency: .sek))

    @Test("R5.2: a fee is created without VAT and carries its source reference")
    func createBodyHasNoVATAndCarriesTheSourceReference() {
        let body = ProjectFeeMapping.createBody(Self.fee, projectGUID: "p", productGUID: "prod")
        #expect(body["vatRate"] == nil, "decision 2: net amounts, no rate; Severa applies the product's sales VAT")
        #expect(body["description"] == "brygga-source: supplierinvoice/17/row/2")
        #expect(body["name"] == "Hyrbil")
        #expect(body["project"] == ["guid": "p"] && body["product"] == ["guid": "prod"])
        #expect(body["unitPrice"] == ["amount": SeveraSandbox.number("125.5"), "currencyCode": "SEK"])
        #expect(body["unitCost"] == body["unitPrice"])
        #expect(body["eventDate"] == "2025-03-01")
        #expect(body["quantity"] == 2)
    }

    @Test("R5.4: the source reference is found in the description again")
    func sourceReferenceIsFoundInTheDescriptionAgain() throws {
        #expect(ProjectFeeMapping.sourceReference(inDescription: "note\nbrygga-source: a/1") == "a/1")
        #expect(ProjectFeeMapping.sourceReference(inDescription: "brygga-source a/1") == nil)
        #expect(ProjectFeeMapping.sourceReference(inDescription: nil) == nil)
        let object = try severaWire(
            #"""
            {"guid":"f","name":"Hyrbil","description":"brygga-source: supplierinvoice/17/row/2",
             "product":{"guid":"prod","name":"Bil","code":"300"},"eventDate":"2025-03-01","quantity":2,
             "unitPrice":{"amount":125.50,"currencyCode":"SEK"},"vatRate":0}
            """#)
        #expect(try ProjectFeeMapping.fee(object, projectNumber: "2024001") == Self.fee)
        let foreign = try severaWire(#"{"guid":"f","name":"x","description":"by hand","quantity":1}"#)
        #expect(try ProjectFeeMapping.fee(foreign, projectNumber: "1") == nil)
    }
}
