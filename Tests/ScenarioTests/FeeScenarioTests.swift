import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SyncCore
import Testing

@Suite("Project fees from supplier invoices (R5)")
struct FeeScenarioTests {
    /// A bed with the fee flow on, a Severa project 5100 transferred to Fortnox by a first run, and a supplier.
    static func bed(
        faults: String? = nil, defaultProduct: String? = "9000", requireBooked: Bool = true
    ) async throws -> (ScenarioBed, project: String) {
        let bed = try await ScenarioBed(
            faults: faults, defaultFeeProduct: defaultProduct, feesRequireBooked: requireBooked)
        bed.configuration.enabledFlows.insert(.projectFee)
        let customer = try bed.seedSeveraCustomer(5100, "Byggherre AB")
        let project = try bed.seedSeveraProject(5100, "Ombyggnad", customer: customer)
        try bed.seedSeveraProduct(code: "9000", name: "Vidarefakturerat", unit: "st", price: "1")
        try bed.seedSeveraProduct(code: "9100", name: "Material", unit: "st", price: "1")
        try bed.seedSupplier()
        let first = await bed.run()
        #expect(first.exitCode == 0, "\(first.entries.compactMap(\.reason))")
        return (bed, project)
    }

    @Test("R5.1, R5.2: a row booked to a project becomes one fee on the same-numbered Severa project, net of VAT")
    func rowBecomesNetFee() async throws {
        let (bed, project) = try await Self.bed()
        try await bed.seedBookedSupplierInvoice([(project: "5100", article: "9100", amount: "1250.50")])

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        let fees = try bed.severaFees(project: project)
        #expect(fees.count == 1)
        #expect(fees.first?["unitPrice"]?["amount"]?.numberValue?.decimal == Decimal(string: "1250.5"))
        #expect(fees.first?["product"]?["code"] == "9100")
        #expect(fees.first?["vatRate"] != 0, "decision 2: no rate is sent, so not 0 %")
        let created = try #require(try bed.log(of: result, .created, entity: .projectFee).first)
        #expect(created.rule == "R5.1" && created.reason?.contains("net of VAT") == true)
    }

    @Test("R5.1: a fee for a project only in Fortnox is skipped once; one on a closed Severa project fails")
    func fortnoxOnlyAndClosedProjects() async throws {
        let (bed, project) = try await Self.bed()
        try bed.seedFortnox(.projects, ["ProjectNumber": "5199", "Description": "Internt"])
        try bed.editSevera("projects/\(project)", ["isClosed": true])
        try await bed.seedBookedSupplierInvoice([
            (project: "5199", article: nil, amount: "100"), (project: "5100", article: nil, amount: "200"),
        ])

        let result = await bed.run()

        let skipped = try #require(try bed.log(of: result, .skipped, entity: .projectFee).first)
        #expect(skipped.rule == "R5.1" && skipped.reason?.contains("exists only in Fortnox") == true)
        let failed = try #require(try bed.log(of: result, .failed, entity: .projectFee).first)
        #expect(failed.hint?.contains("reopen project 5100") == true)
        let pending = try bed.store.pendingRetries(entity: .projectFee)
        #expect(pending.count == 1, "the skip is not queued, the failure is")

        let again = await bed.run()
        #expect(try bed.log(of: again, .skipped, entity: .projectFee).isEmpty, "skipped and logged once")
    }

    @Test("R5.3: the row's article picks the product, else the default product; without either, a clear failure")
    func productChoice() async throws {
        let (bed, project) = try await Self.bed(defaultProduct: nil)
        bed.configuration.enabledFlows.remove(.product)  // article 7777 stays a Fortnox article only
        try bed.seedFortnoxArticle("7777", "Bara i Fortnox")
        try await bed.seedBookedSupplierInvoice(
            [
                (project: "5100", article: "9100", amount: "10"), (project: "5100", article: nil, amount: "20"),
                (project: "5100", article: "7777", amount: "30"),
            ], invoiceNumber: "F-3")

        let result = await bed.run()

        let failures = try bed.log(of: result, .failed, entity: .projectFee)
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { $0.rule == "R5.3" }, "\(failures.map(\.reason))")
        #expect(failures.contains { $0.reason?.contains("no default product is configured") == true })
        #expect(failures.contains { $0.reason?.contains("product 7777") == true })
        #expect(try bed.severaFees(project: project).count == 1)
    }

    @Test("R5.3: a row without an article takes the configured default product")
    func defaultProduct() async throws {
        let (bed, project) = try await Self.bed(defaultProduct: "9000")
        try await bed.seedBookedSupplierInvoice([(project: "5100", article: nil, amount: "20")])

        #expect(await bed.run().exitCode == 0)

        #expect(try bed.severaFees(project: project).first?["product"]?["code"] == "9000")
    }

    @Test("R5.4: reruns, cursor overlaps and a lost create answer make exactly one fee per row")
    func oncePerRow() async throws {
        let (bed, project) = try await Self.bed(faults: "POST /rest-api/v1/projectfees: lost-response@1")
        let given = try await bed.seedBookedSupplierInvoice([
            (project: "5100", article: "9100", amount: "10"), (project: "5100", article: nil, amount: "20"),
        ])

        let first = await bed.run()
        let second = await bed.run()
        let retried = await bed.run { await $0.retryFailed(entity: .projectFee, recordID: given) }

        #expect(first.exitCode == 0, "\(first.entries.compactMap(\.reason))")
        #expect(second.exitCode == 0 && retried.exitCode == 0)
        #expect(try bed.severaFees(project: project).count == 2)
        #expect(try bed.store.linkCount(entity: .projectFee) == 2)
        #expect(try bed.log(of: second, .created, entity: .projectFee).isEmpty)
        #expect(try bed.store.openIntents().isEmpty)
    }

    @Test("R5.4: a row changed after its transfer is reported once as a conflict and never transferred twice")
    func changedRowIsAConflictOnce() async throws {
        let (bed, project) = try await Self.bed(requireBooked: false)
        let given = try await bed.seedBookedSupplierInvoice(
            [(project: "5100", article: "9100", amount: "10")], book: false)
        #expect(await bed.run().exitCode == 0)
        try await bed.fortnoxUser(
            .put, "/3/supplierinvoices/\(given)",
            json: [
                "SupplierInvoice": [
                    "SupplierInvoiceRows": [
                        [
                            "Account": 4010, "Debit": 15, "ItemDescription": "Material", "Quantity": 1,
                            "Project": "5100",
                            "ArticleNumber": "9100",
                        ]
                    ]
                ]
            ])

        let changed = await bed.run()
        let after = await bed.run()

        let conflict = try #require(try bed.log(of: changed, .conflict, entity: .projectFee).first)
        #expect(conflict.rule == "R5.4")
        #expect(
            conflict.changes.map(\.field) == ["quantity", "unitAmount"]
                || conflict.changes.map(\.field) == ["unitAmount"])
        #expect(try bed.log(of: after, .conflict, entity: .projectFee).isEmpty, "reported once")
        #expect(try bed.severaFees(project: project).count == 1)
    }

    @Test("R5.1: a dry run plans the fees and writes nothing")
    func dryRunPlansFees() async throws {
        let (bed, project) = try await Self.bed()
        try await bed.seedBookedSupplierInvoice([(project: "5100", article: "9100", amount: "10")])
        let cursor = try bed.store.cursor(side: .accounting, entity: .projectFee)

        let plan = await bed.run { await $0.run(dryRun: true) }

        #expect(plan.exitCode == 0)
        #expect(try bed.log(of: plan, .planned, entity: .projectFee).first?.reason?.contains("would create") == true)
        #expect(bed.severaTraffic.writes.isEmpty && bed.fortnoxTraffic.writes.isEmpty)
        #expect(try bed.severaFees(project: project).isEmpty)
        #expect(try bed.store.cursor(side: .accounting, entity: .projectFee) == cursor, "the cursor does not move")
        #expect(await bed.run().exitCode == 0)
        #expect(try bed.severaFees(project: project).count == 1, "the real run after it transfers the fee")
    }
}
