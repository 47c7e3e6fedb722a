import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import Testing

/// `populateSeveraOnly` (the engine benchmark's data): every regular customer and product in Severa,
/// nothing of them in Fortnox but the registers products refer to.
@Suite struct SampleDataSeveraOnlyTests {
    static func populated(_ size: SampleDataSize, beforeEach: () -> Void = {}) throws
        -> (state: ExportedState, summary: SampleDataSummary)
    {
        let environment = SandboxEnvironment(
            configuration: .init(rateLimits: false, clock: ManualWallClock(start: SampleSandbox.start)))
        let summary = try SampleDataGenerator(seed: 7, size: size).populateSeveraOnly(
            fortnox: environment.fortnox, severa: environment.severa, beforeEach: beforeEach)
        return (ExportedState(environment), summary)
    }

    @Test func everyRegularCustomerAndProductIsInSeveraAndNoneInFortnox() throws {
        let size = SampleDataSize(customers: 20, products: 20, projects: 0, invoices: 0, supplierInvoices: 0)
        let (state, summary) = try Self.populated(size)
        // The full data set keeps 10 % of customers and products in Fortnox only; here all are in Severa.
        let numbers = Set(state.severa("customers").compactMap { $0["number"]?.numberValue?.int64 })
        #expect(numbers == Set((10_001...10_020).map(Int64.init)))
        #expect(summary.severa.customers == 20)
        #expect(state.severaProducts().count == 20)
        #expect(summary.severa.products + summary.severa.workTypes + summary.severa.travelExpenseTypes == 20)
        #expect(state.fortnox("customers").isEmpty)
        #expect(state.fortnox("articles").isEmpty)
        #expect(summary.fortnox.customers == 0 && summary.fortnox.articles == 0)
    }

    @Test func fortnoxGetsTheUnitsProductsNeedIncludingEverySeveraSpellingsCode() throws {
        let (state, summary) = try Self.populated(.small)
        let units = Set(state.fortnox("units").keys)
        #expect(summary.fortnox.units == units.count)
        for spelling in SampleDataGenerator.unitSpellings {
            #expect(units.contains(spelling.code), "unit \(spelling.code) (Severa \(spelling.severa)) is missing")
        }
    }

    @Test func beforeEachIsCalledOncePerCustomerAndProduct() throws {
        var calls = 0
        _ = try Self.populated(.small) { calls += 1 }
        #expect(calls == SampleDataSize.small.customers + SampleDataSize.small.products)
    }
}
