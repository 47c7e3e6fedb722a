import Foundation
import JSONSupport
import SyncCore
import Testing

@Suite("Products (R1)") struct ProductFlowTests {
    @Test("R1.1: products with same code and name are linked without writes")
    func productsWithSameCodeAndNameAreLinkedWithoutWrites() async throws {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("100", "Consulting"))
        harness.accounting.productEndpoint.put(Sample.product("100", "Consulting", kind: .product))

        let result = await harness.run(flows(.product))

        #expect(result.fatal == nil)
        #expect(!result.hasFailures)
        #expect(harness.remoteWrites == 0)
        #expect(harness.store.allLinks(entity: .product).count == 1)
        let linked = harness.entries(of: result, .linked)
        #expect(linked.count == 1)
        #expect(linked.first?.rule == "R1.1")
    }

    @Test("R1.1: same code different name is reported not merged until fixed")
    func sameCodeDifferentNameIsReportedNotMergedUntilFixed() async throws {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("100", "Consulting"))
        let fortnoxID = harness.accounting.productEndpoint.put(Sample.product("100", "Consultancy"))

        let first = await harness.run(flows(.product))

        let failures = harness.entries(of: first, .failed)
        #expect(failures.count == 1)
        #expect(failures.first?.rule == "R1.1")
        #expect(failures.first?.reason?.contains("\"Consulting\"") == true)
        #expect(failures.first?.reason?.contains("\"Consultancy\"") == true)
        #expect(failures.first?.hint != nil)
        #expect(harness.remoteWrites == 0)
        #expect(harness.store.allLinks(entity: .product).isEmpty)
        #expect(try harness.store.pendingRetries(entity: .product).count == 1)

        let second = await harness.run(flows(.product))
        #expect(harness.entries(of: second, .failed).map(\.rule) == ["R1.1"])

        harness.accounting.productEndpoint.edit(id: fortnoxID) { $0.name = "Consulting" }
        let third = await harness.run(flows(.product))
        #expect(!third.hasFailures)
        #expect(harness.store.allLinks(entity: .product).count == 1)
        #expect(try harness.store.pendingRetries(entity: .product).isEmpty)
        #expect(harness.remoteWrites == 0)
    }

    @Test("R1.1: same name different code is reported not merged") func sameNameDifferentCodeIsReportedNotMerged()
        async throws
    {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("100", "Consulting"))
        harness.accounting.productEndpoint.put(Sample.product("200", "Consulting"))

        let result = await harness.run(flows(.product))

        let failures = harness.entries(of: result, .failed)
        #expect(!failures.isEmpty)
        #expect(failures.allSatisfy { $0.rule == "R1.1" && $0.reason?.contains("codes differ") == true })
        #expect(harness.remoteWrites == 0)
        #expect(harness.pm.productEndpoint.count == 1)
        #expect(harness.accounting.productEndpoint.count == 1)
    }

    @Test("R1.1: a name-only match stays reported in later runs and retries, never created")
    func nameOnlyMatchStaysReportedInLaterRuns() async throws {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("100", "Consulting"))
        harness.accounting.productEndpoint.put(Sample.product("200", "Consulting"))
        await harness.run(flows(.product))

        let second = await harness.run(flows(.product))
        let retried = await harness.engine(flows(.product)).retryFailed()

        for result in [second, retried] {
            let failures = harness.entries(of: result, .failed)
            #expect(Set(failures.compactMap(\.naturalKey)) == ["100", "200"])
            #expect(failures.allSatisfy { $0.rule == "R1.1" && $0.reason?.contains("codes differ") == true })
        }
        #expect(harness.remoteWrites == 0)
        #expect(harness.pm.productEndpoint.count == 1)
        #expect(harness.accounting.productEndpoint.count == 1)
    }

    @Test("R1.2: products with empty or non numeric codes are not transferred")
    func productsWithEmptyOrNonNumericCodesAreNotTransferred() async throws {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("A-1", "Letters"))
        harness.pm.productEndpoint.put(Sample.product("", "Nothing"))
        harness.pm.productEndpoint.put(Sample.product("300", "Design"))
        harness.accounting.productEndpoint.put(Sample.product("X9", "Fortnox letters"))

        let result = await harness.run(flows(.product))

        let failures = harness.entries(of: result, .failed)
        #expect(failures.count == 3)
        #expect(failures.allSatisfy { $0.rule == "R1.2" && $0.hint?.contains("numeric") == true })
        #expect(harness.accounting.productEndpoint.all.map(\.code).sorted() == ["300", "X9"])
        #expect(harness.pm.productEndpoint.count == 3)
        #expect(result.exitCode == RunResult.partialFailureExitCode)
    }

    @Test("R1.2: a product without a code stays in the retry queue; it is not reported as deleted")
    func productWithoutCodeStaysQueued() async throws {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("", "Nothing"))
        await harness.run(flows(.product))
        let finds = harness.pm.productEndpoint.calls.finds

        let second = await harness.run(flows(.product))
        let retried = await harness.engine(flows(.product)).retryFailed()

        #expect(harness.pm.productEndpoint.calls.finds == finds, "a record without a key is never looked up by it")
        #expect(harness.entries(of: second, .skipped).isEmpty)
        #expect(try harness.store.pendingRetries(entity: .product).map(\.naturalKey) == [""])
        let explained = try #require(harness.entries(of: retried, .failed).first)
        #expect(explained.reason?.contains("cannot be re-read") == true)
        #expect(harness.entries(of: retried, .skipped).isEmpty)
        #expect(harness.remoteWrites == 0)
    }

    @Test("R1.3: product whose unit is missing in Fortnox is not transferred")
    func productWhoseUnitIsMissingInFortnoxIsNotTransferred() async throws {
        let harness = Harness(units: ["st", "h"])
        harness.pm.productEndpoint.put(Sample.product("100", "Cement", unit: "kg"))
        harness.pm.productEndpoint.put(Sample.product("200", "Advice", unit: nil))
        harness.pm.productEndpoint.put(Sample.product("300", "Hours", unit: "h"))

        let result = await harness.run(flows(.product))

        let failure = try #require(harness.entries(of: result, .failed).first)
        #expect(failure.rule == "R1.3")
        #expect(failure.naturalKey == "100")
        #expect(failure.hint == "create unit 'kg' in Fortnox (Settings → Units) or change the product's unit")
        #expect(harness.accounting.productEndpoint.all.map(\.code).sorted() == ["200", "300"])
    }

    @Test("R1.3: update to an unknown unit is not written to Fortnox") func updateToAnUnknownUnitIsNotWrittenToFortnox()
        async throws
    {
        let harness = Harness(units: ["st", "h"])
        let severaID = harness.pm.productEndpoint.put(Sample.product("100", "Advice"))
        await harness.run(flows(.product))
        harness.pm.productEndpoint.edit(id: severaID) { $0.unit = "kg" }

        let result = await harness.run(flows(.product))

        #expect(harness.entries(of: result, .failed).map(\.rule) == ["R1.3"])
        #expect(harness.accounting.productEndpoint.record(key: "100")?.unit == "h")
        #expect(harness.accounting.productEndpoint.calls.updates == 0)
    }

    @Test("R1.4: match report lists pairs mismatches and one sided products")
    func matchReportListsPairsMismatchesAndOneSidedProducts() async throws {
        let harness = Harness()
        for product in [
            Sample.product("100", "Consulting"), Sample.product("200", "Travel"), Sample.product("300", "Design"),
            Sample.product("400", "Support"), Sample.product("AB", "Letters"),
        ] {
            harness.pm.productEndpoint.put(product)
        }
        for product in [
            Sample.product("100", "Consulting"), Sample.product("200", "Trips"), Sample.product("350", "Design"),
            Sample.product("500", "Hosting"),
        ] {
            harness.accounting.productEndpoint.put(product)
        }

        let report = try await harness.engine().productMatchReport()

        #expect(report.pairs.map { [$0.pm.code, $0.accounting.code] } == [["100", "100"]])
        #expect(report.codeMismatches.map { [$0.pm.name, $0.accounting.name] } == [["Travel", "Trips"]])
        #expect(report.nameMismatches.map { [$0.pm.code, $0.accounting.code] } == [["300", "350"]])
        #expect(report.onlyInPM.map(\.code) == ["400"])
        #expect(report.onlyInAccounting.map(\.code) == ["500"])
        #expect(report.invalidCodes.map(\.code) == ["AB"])
        #expect(!report.isConsistent)
        #expect(harness.remoteWrites == 0)
    }

    @Test("R1.4: report is consistent when every product has a full match or none")
    func reportIsConsistentWhenEveryProductHasAFullMatchOrNone() async throws {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("100", "Consulting"))
        harness.pm.productEndpoint.put(Sample.product("200", "Travel"))
        harness.accounting.productEndpoint.put(Sample.product("100", "Consulting "))

        let report = try await harness.engine().productMatchReport()

        #expect(report.isConsistent)
        #expect(report.pairs.count == 1)
        #expect(report.onlyInPM.map(\.code) == ["200"])
    }

    @Test("R1.5: new products go both ways whatever the master") func newProductsGoBothWaysWhateverTheMaster()
        async throws
    {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("100", "Consulting"))
        harness.accounting.productEndpoint.put(Sample.product("200", "Hosting", unit: "st"))
        var configuration = flows(.product)
        configuration.productMaster = .accounting

        let result = await harness.run(configuration)

        #expect(harness.accounting.productEndpoint.record(key: "100")?.name == "Consulting")
        #expect(harness.pm.productEndpoint.record(key: "200")?.name == "Hosting")
        #expect(harness.entries(of: result, .created).count == 2)
        #expect(result.summary.created == 2)
    }

    @Test("R1.5: master decides a field changed on both sides", arguments: [SystemSide.projectManagement, .accounting])
    func masterDecidesAFieldChangedOnBothSides(master: SystemSide) async throws {
        let harness = Harness()
        let severaID = harness.pm.productEndpoint.put(Sample.product("100", "Consulting", price: 95_000))
        var configuration = flows(.product)
        configuration.productMaster = master
        await harness.run(configuration)
        let fortnoxID = try #require(harness.accounting.productEndpoint.id(ofKey: "100"))
        harness.pm.productEndpoint.edit(id: severaID) { $0.price = Money(minorUnits: 110_000, currency: .sek) }
        harness.accounting.productEndpoint.edit(id: fortnoxID) { $0.price = Money(minorUnits: 99_000, currency: .sek) }

        let result = await harness.run(configuration)

        let expected: Int64 = master == .projectManagement ? 110_000 : 99_000
        #expect(harness.pm.productEndpoint.record(key: "100")?.price?.minorUnits == expected)
        #expect(harness.accounting.productEndpoint.record(key: "100")?.price?.minorUnits == expected)
        let conflict = try #require(harness.entries(of: result, .conflict).first)
        #expect(conflict.conflicts.map(\.field) == ["price"])
        #expect(conflict.conflicts.first?.winner == master)
        #expect(conflict.conflicts.first?.pmValue?["minorUnits"] == 110_000)
        #expect(conflict.conflicts.first?.accountingValue?["minorUnits"] == 99_000)
        let update = try #require(harness.entries(of: result, .updated).first)
        #expect(update.direction == SyncDirection(from: master))
        #expect(update.changes.map(\.field) == ["price"])
        #expect(harness.entries(of: result, .conflict).count == 1)
    }

    @Test("R1.5: a work type never clears the price of its Fortnox article, a product's price syncs")
    func workTypeNeverClearsThePriceOfItsArticleWhileAProductsPriceSyncs() async throws {
        let harness = Harness()
        let workTypeID = harness.pm.productEndpoint.put(Sample.product("100", "Consulting", kind: .workType))
        harness.accounting.productEndpoint.put(Sample.product("100", "Consulting", price: 120_000))
        let productID = harness.pm.productEndpoint.put(Sample.product("200", "Licence", price: 50_000))
        await harness.run(flows(.product))
        harness.pm.productEndpoint.edit(id: workTypeID) { $0.name = "Consulting senior" }
        harness.pm.productEndpoint.edit(id: productID) { $0.price = Money(minorUnits: 55_000, currency: .sek) }

        let result = await harness.run(flows(.product))

        #expect(!result.hasFailures)
        let article = try #require(harness.accounting.productEndpoint.record(key: "100"))
        #expect(article.name == "Consulting senior")
        #expect(article.price?.minorUnits == 120_000, "Severa work types hold no price; the article keeps its own")
        #expect(harness.accounting.productEndpoint.record(key: "200")?.price?.minorUnits == 55_000)
        #expect(harness.pm.productEndpoint.record(key: "100")?.price == nil)
    }

    @Test("R1.1: in an incremental run too, a new product named like another code on the other side is reported")
    func newProductNamedLikeAnotherCodeIsReportedInAnIncrementalRun() async throws {
        let harness = Harness()
        harness.pm.productEndpoint.put(Sample.product("100", "Consulting"))
        await harness.run(flows(.product))
        harness.pm.productEndpoint.put(Sample.product("300", "Hosting"))
        harness.accounting.productEndpoint.put(Sample.product("200", "Hosting"))
        let creates = harness.accounting.productEndpoint.calls.creates + harness.pm.productEndpoint.calls.creates

        let result = await harness.run(flows(.product))

        #expect(harness.accounting.productEndpoint.calls.creates + harness.pm.productEndpoint.calls.creates == creates)
        let failed = harness.entries(of: result, .failed)
        #expect(Set(failed.compactMap(\.naturalKey)) == ["200", "300"])
        #expect(failed.allSatisfy { $0.rule == "R1.1" })
    }
}
