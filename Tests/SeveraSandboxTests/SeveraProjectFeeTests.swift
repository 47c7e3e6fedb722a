import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

@Suite struct SeveraProjectFeeTests {
    @Test func postingAFeeAnswers201WithAnArrayAndTakesDefaultsFromTheProduct() throws {
        let harness = try SeveraTestHarness()
        let project = try SeveraProjectTests().seedProject(harness)
        let product = try SeveraTestHarness.guid(
            try harness.emulator.seed(
                .products,
                [
                    "name": "Licens", "code": "1001", "type": "Materials",
                    "unitPrice": ["amount": SeveraTestHarness.number("100.50"), "currencyCode": "SEK"],
                    "vatRate": 25, "measurementUnit": "st",
                ]))
        let response = harness.call(
            .post, "projectfees",
            body: ["project": ["guid": .string(project)], "product": ["guid": .string(product)], "quantity": 2])
        #expect(response.status == 201)
        let fees = try SeveraTestHarness.json(response).arrayValue ?? []
        #expect(fees.count == 1)
        let fee = try #require(fees.first)
        #expect(fee["name"] == "Licens")
        #expect(fee["productType"] == "Materials")
        #expect(fee["unitPrice"] == ["amount": SeveraTestHarness.number("100.50"), "currencyCode": "SEK"])
        #expect(fee["quantity"] == 2)
        #expect(fee["vatRate"] == 25)
        #expect(fee["measurementUnit"] == "st")
        #expect(fee["customer"]?["name"] == "Acme AB")
        #expect(fee["product"]?["code"] == "1001")
        #expect(fee["isBillable"] == true)
        #expect(fee["billingSchedule"] == "Immediately")
        #expect(fee["eventDate"] == "2026-01-01")
        #expect(fee["phase"]?["name"] == "Webbprojekt")
        #expect(try harness.get("projects/\(project)/projectfees").arrayValue == fees)
    }

    @Test func aFeeNeedsAnExistingOpenProject() throws {
        let harness = try SeveraTestHarness()
        SeveraTestHarness.expectError(
            harness.call(.post, "projectfees", body: ["name": "X"]), status: 400, type: "InvalidParameter",
            name: "project")
        SeveraTestHarness.expectError(
            harness.call(
                .post, "projectfees", body: ["name": "X", "project": ["guid": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"]]),
            status: 400, type: "InvalidParameter", name: "project.guid")
        let project = try SeveraProjectTests().seedProject(harness)
        _ = harness.call(.patch, "projects/\(project)", body: [["op": "replace", "path": "/isClosed", "value": true]])
        SeveraTestHarness.expectError(
            harness.call(.post, "projectfees", body: ["name": "X", "project": ["guid": .string(project)]]), status: 400,
            type: "InvalidOperation")
        #expect(try harness.get("projectfees").arrayValue?.isEmpty == true)
    }

    @Test func deletedFeesAppearInTheDeletionFeedSinceTheirDeletion() throws {
        let harness = try SeveraTestHarness()
        let project = try SeveraProjectTests().seedProject(harness)
        let fee = try harness.create(
            "projectfees", ["name": "Kostnad", "project": ["guid": .string(project)], "quantity": 1])
        let guid = try SeveraTestHarness.guid(try #require(fee.arrayValue?.first))
        harness.clock.advance(by: 120)
        #expect(harness.call(.delete, "projectfees/\(guid)").status == 204)
        #expect(harness.call(.get, "projectfees/\(guid)").status == 404)
        let deleted = try harness.get("deletedprojectfees?deletedSince=2026-01-01T00:02:00Z").arrayValue ?? []
        #expect(deleted.count == 1)
        #expect(deleted.first?["guid"] == .string(guid))
        #expect(deleted.first?["deletedDateTime"] == "2026-01-01T00:02:00.000Z")
        #expect(deleted.first?["project"] == ["guid": .string(project)])
        #expect(try harness.get("deletedprojectfees?deletedSince=2026-01-01T00:02:01Z").arrayValue?.isEmpty == true)
        #expect(try harness.get("deletedprojectfees?projectGuids=\(project)").arrayValue?.count == 1)
    }

    @Test func feesAreListedWithChangedSinceAndPatchedByNestedPath() throws {
        let harness = try SeveraTestHarness()
        let project = try SeveraProjectTests().seedProject(harness)
        let fee = try harness.create(
            "projectfees",
            [
                "name": "Kostnad", "project": ["guid": .string(project)],
                "unitPrice": ["amount": 10, "currencyCode": "SEK"],
            ])
        let guid = try SeveraTestHarness.guid(try #require(fee.arrayValue?.first))
        harness.clock.advance(by: 10)
        let patched = harness.call(
            .patch, "projectfees/\(guid)",
            body: [["op": "replace", "path": "/unitPrice/amount", "value": SeveraTestHarness.number("12.75")]])
        #expect(
            try SeveraTestHarness.json(patched).arrayValue?.first?["unitPrice"]?["amount"]?.numberValue?.literal
                == "12.75")
        #expect(try harness.get("projectfees?changedSince=2026-01-01T00:00:10Z").arrayValue?.count == 1)
        let currency = harness.call(
            .patch, "projectfees/\(guid)", body: [["op": "replace", "path": "/unitPrice/currencyCode", "value": "EUR"]])
        SeveraTestHarness.expectError(currency, status: 400, type: "InvalidParameter", name: "unitPrice.currencyCode")
        let moveProject = harness.call(
            .patch, "projectfees/\(guid)",
            body: [["op": "replace", "path": "/project/guid", "value": .string(project)]])
        #expect(moveProject.status == 400)
    }
}

@Suite struct SeveraFeeInvoicingTests {
    @Test func attachingAFeeToAnInvoiceByPatchAddsARowAndDetachingRemovesIt() throws {
        let harness = try SeveraTestHarness()
        let project = try SeveraProjectTests().seedProject(harness)
        let invoice = try SeveraTestHarness.guid(
            try #require(try harness.create("invoices", ["projects": [["guid": .string(project)]]]).arrayValue?.first))
        let fee = try SeveraTestHarness.guid(
            try #require(
                try harness.create(
                    "projectfees",
                    [
                        "name": "Konsult", "quantity": 3, "unitPrice": ["amount": 100, "currencyCode": "SEK"],
                        "vatRate": 25,
                        "project": ["guid": .string(project)],
                    ]
                ).arrayValue?.first))
        let attach = harness.call(
            .patch, "projectfees/\(fee)", body: [["op": "replace", "path": "/invoice/guid", "value": .string(invoice)]])
        #expect(attach.status == 200)
        let rows = try harness.get("invoices/\(invoice)/invoicerows").arrayValue ?? []
        #expect(rows.map { $0["description"] } == ["Konsult"])
        #expect(try SeveraTestHarness.json(attach).arrayValue?.first?["invoiceRowGuid"] == rows.first?["guid"])
        #expect(try harness.get("invoices/\(invoice)")["totalIncludingTax"]?["amount"] == 375)
        _ = harness.call(.patch, "projectfees/\(fee)", body: [["op": "replace", "path": "/quantity", "value": 4]])
        #expect(try harness.get("invoices/\(invoice)")["totalExcludingTax"]?["amount"] == 400)
        SeveraTestHarness.expectError(
            harness.call(.delete, "projectfees/\(fee)"), status: 400, type: "InvalidOperation")
        _ = harness.call(.patch, "projectfees/\(fee)", body: [["op": "replace", "path": "/invoice", "value": nil]])
        #expect(try harness.get("invoices/\(invoice)/invoicerows").arrayValue?.isEmpty == true)
        #expect(try harness.get("invoices/\(invoice)")["totalExcludingTax"]?["amount"] == 0)
        #expect(try harness.get("projectfees/\(fee)")["invoiceRowGuid"] == .null)
    }

    @Test func aFeeCannotJoinAReadOnlyInvoiceOrOneOfAnotherProject() throws {
        let harness = try SeveraTestHarness()
        let project = try SeveraProjectTests().seedProject(harness)
        let other = try SeveraProjectTests().seedProject(harness, name: "Other")
        let invoice = try SeveraTestHarness.guid(
            try #require(try harness.create("invoices", ["projects": [["guid": .string(other)]]]).arrayValue?.first))
        let foreign = harness.call(
            .post, "projectfees",
            body: ["name": "X", "project": ["guid": .string(project)], "invoice": ["guid": .string(invoice)]])
        SeveraTestHarness.expectError(foreign, status: 400, type: "InvalidParameter", name: "invoice.guid")
        _ = harness.call(
            .patch, "invoices/\(invoice)",
            body: [
                ["op": "replace", "path": "/status/guid", "value": .string(try harness.invoiceStatus("Transferred"))]
            ])
        let frozen = harness.call(
            .post, "projectfees",
            body: ["name": "X", "project": ["guid": .string(other)], "invoice": ["guid": .string(invoice)]])
        SeveraTestHarness.expectError(frozen, status: 400, type: "InvalidOperation", name: "invoice")
        #expect(try harness.get("projectfees").arrayValue?.isEmpty == true)
    }
}
