import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

@Suite struct SeveraProjectFeeTests {
    static func fee(_ reference: String, product: String?) -> ProjectFee {
        ProjectFee(
            sourceReference: reference, projectNumber: "2024001", productCode: product, description: "Hyrbil",
            date: LocalDate("2025-03-01"), quantity: Decimal(2), unitAmount: Money(minorUnits: 12_550, currency: .sek))
    }

    static func seedProject(_ sandbox: SeveraSandbox) throws -> String {
        let customer = try sandbox.seedCustomer(number: 1001, name: "Acme AB")
        try sandbox.seedProduct(
            .products, code: "300", name: "Bil",
            extra: ["vatRate": 25, "unitPrice": ["amount": 999, "currencyCode": "SEK"]])
        try sandbox.seedProduct(.products, code: "900", name: "Övrigt")
        return try sandbox.seedProject(number: 2_024_001, name: "Webb", customer: customer)
    }

    @Test("R5: a fee is created on the project by number with its product, without VAT, and found again")
    func feeIsCreatedWithoutVATAndFoundAgain() async throws {
        try await SeveraSandbox.with(.inProcess, options: .init(defaultFeeProductCode: "900")) { sandbox in
            let project = try Self.seedProject(sandbox)
            let created = try await sandbox.connector.createProjectFee(Self.fee("si/17/row/2", product: "300"))
            #expect(created.record == Self.fee("si/17/row/2", product: "300"))
            let stored = try #require(try sandbox.direct.get("/v1/projects/\(project)/projectfees").arrayValue)
            #expect(stored.count == 1)
            #expect(
                stored.first?["vatRate"] == 25,
                "R5.2: the amounts are net and no rate is sent, so Severa takes the product's 25 % for invoicing")
            #expect(stored.first?["unitPrice"]?["amount"] == SeveraSandbox.number("125.5"))
            #expect(stored.first?["product"]?["code"] == "300")

            let found = try await sandbox.connector.findProjectFee(
                sourceReference: "si/17/row/2", projectNumber: "2024001")
            #expect(found == created)
            let other = try await sandbox.connector.findProjectFee(
                sourceReference: "si/17/row/3", projectNumber: "2024001")
            #expect(other == nil)
            let noProject = try await sandbox.connector.findProjectFee(
                sourceReference: "si/17/row/2", projectNumber: "9")
            #expect(noProject == nil)

            let byDefault = try await sandbox.connector.createProjectFee(Self.fee("si/18/row/1", product: nil))
            #expect(byDefault.record.productCode == "900", "R5.3: the default product")
        }
    }

    @Test("R5.3: without a product code or a default product the fee is refused before anything is written")
    func withoutProductTheFeeIsRefused() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            _ = try Self.seedProject(sandbox)
            let none = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.createProjectFee(Self.fee("a", product: nil))
            }
            #expect(none?.kind == .invalidRecord && none?.message.contains("R5.3") == true)
            let unknown = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.createProjectFee(Self.fee("b", product: "777"))
            }
            #expect(unknown?.kind == .invalidRecord && unknown?.message.contains("777") == true)
            var fee = Self.fee("c", product: "300")
            fee.projectNumber = "55"
            let project = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.createProjectFee(fee)
            }
            #expect(project?.kind == .notFound && project?.message.contains("55") == true)
            #expect(sandbox.recorder.count(.post, "/v1/projectfees") == 0)
        }
    }
}
