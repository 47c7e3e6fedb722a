import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

@Suite struct SeveraStateTests {
    @Test func exportedStateImportsIntoANewEmulatorWithRecordsAndTokensIntact() throws {
        let harness = try SeveraTestHarness()
        let customer = try harness.seedCustomer("Acme AB", number: 1001, addresses: 2)
        let project = try SeveraProjectTests().seedProject(harness, number: 77)
        try harness.create(
            "projectfees",
            [
                "name": "Licens", "quantity": 2,
                "unitPrice": ["amount": SeveraTestHarness.number("10.25"), "currencyCode": "SEK"],
                "project": ["guid": .string(project)],
            ])
        let invoice = try #require(
            try harness.create("invoices", ["projects": [["guid": .string(project)]]]).arrayValue?.first)
        try harness.emulator.seed(
            .invoicefiles,
            [
                "invoiceGuid": invoice["guid"] ?? .null, "name": "a.txt",
                "data": .string(Data("abc".utf8).base64EncodedString()),
            ])
        let exported = harness.emulator.exportState()

        let restored = SeveraEmulator(configuration: .init(rateLimit: nil), clock: harness.clock)
        try restored.importState(exported)
        #expect(restored.exportState() == exported)
        let headers: HTTPHeaders = ["Authorization": "Bearer \(harness.accessToken)"]
        for path in [
            "customers/\(customer)", "customers/\(customer)/addresses", "projects/\(project)",
            "invoices/\(try SeveraTestHarness.guid(invoice))/invoicerows", "invoices", "projectfees",
        ] {
            let before = harness.call(.get, path)
            let after = SeveraTestHarness.send(restored, .get, "/rest-api/v1/\(path)", headers: headers)
            #expect(after.status == 200, "\(path)")
            #expect(after.body == before.body, "\(path)")
        }
        let next = SeveraTestHarness.send(
            restored, .post, "/rest-api/v1/customers", body: ["name": "Next"], headers: headers)
        #expect(try SeveraTestHarness.json(next)["number"] == 1003)
        let duplicate = SeveraTestHarness.send(
            restored, .post, "/rest-api/v1/projects",
            body: [
                "name": "Dup", "number": 77, "customer": ["guid": .string(customer)],
                "projectOwner": ["guid": .string(try harness.projectManager())],
            ],
            headers: headers)
        #expect(duplicate.status == 400)
    }

    @Test func aMalformedStateIsRefusedAndTheOldStateKept() throws {
        let harness = try SeveraTestHarness()
        try harness.seedCustomer("Keep me")
        #expect(throws: SandboxStateError.self) { try harness.emulator.importState(["format": "other"]) }
        guard case .object(var state) = harness.emulator.exportState(),
            case .object(var organisation) = state["organisation"]
        else {
            Issue.record("export is not an object")
            return
        }
        organisation["tables"] = ["customers": [["guid": "nope"]]]
        state["organisation"] = .object(organisation)
        #expect(throws: SandboxStateError.self) { try harness.emulator.importState(.object(state)) }
        #expect(try harness.get("customers").arrayValue?.count == 1)
    }
}
