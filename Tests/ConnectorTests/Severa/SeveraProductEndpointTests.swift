import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

@Suite struct SeveraProductEndpointTests {
    static func records(_ pages: [ChangePage<Product>]) -> [RemoteRecord<Product>] {
        pages.flatMap(\.items).compactMap { item in
            if case .record(let record) = item { return record }
            return nil
        }
    }

    @Test(arguments: SeveraWire.allCases)
    func productOfEachRegisterRoundTripsThroughCreateFindUpdateAndList(_ wire: SeveraWire) async throws {
        let options = SeveraConnector.Options(unitAliases: [.init(severa: "tim", code: "h")])
        try await SeveraSandbox.with(wire, options: options) { sandbox in
            let endpoint = sandbox.connector.products
            let workType = Product(code: "100", name: "Konsulttimme", kind: .workType)
            let travel = Product(
                code: "200", name: "Milersättning", unit: "km", price: Money(minorUnits: 250, currency: .sek),
                vatRate: Decimal(6), kind: .travelExpense)
            let product = Product(
                code: "300", name: "Licens", unit: "h", price: Money(minorUnits: 1_999_950, currency: .sek),
                vatRate: Decimal(string: "25.5"), kind: .product)
            var created: [RemoteRecord<Product>] = []
            for record in [workType, travel, product] {
                let made = try await endpoint.create(record)
                #expect(made.record == record)
                created.append(made)
            }
            #expect(created.map { $0.id.split(separator: ":")[0] } == ["worktype", "travelexpensetype", "product"])
            let stored = try #require(try sandbox.direct.get("/v1/products?rowCount=100").arrayValue?.first)
            #expect(stored["measurementUnit"] == "tim" && stored["type"] == "Materials")
            #expect(stored["unitPrice"]?["amount"] == SeveraSandbox.number("19999.5"))
            for made in created {
                let found = try await endpoint.find(naturalKey: made.record.code)
                #expect(found == made)
            }
            var renamed = product
            renamed.name = "Licens 2026"
            renamed.price = Money(minorUnits: 100, currency: .sek)
            let updated = try await endpoint.update(id: created[2].id, fields: ["name", "price"], to: renamed)
            #expect(updated.record == renamed)
            let listed = Self.records(try await severaPages(endpoint.changes(since: nil)))
            #expect(listed == [created[0], created[1], updated])
        }
    }

    @Test("R1: each register carries its own members and the endpoint their union")
    func eachRegisterCarriesItsOwnMembersAndTheEndpointTheirUnion() async throws {
        let common: Set<String> = ["code", "name", "kind", "isActive"]
        let priced = common.union(["unit", "price", "vatRate"])
        try await SeveraSandbox.with(.inProcess) { sandbox in
            let products = sandbox.connector.products
            #expect(products.carriedFields == priced)
            #expect(products.carriedFields(for: Product(code: "1", name: "Work", kind: .workType)) == common)
            #expect(products.carriedFields(for: Product(code: "2", name: "Travel", kind: .travelExpense)) == priced)
            #expect(products.carriedFields(for: Product(code: "3", name: "Licence", kind: .product)) == priced)
        }
        let workTypesOnly = SeveraConnector.Options(productRegisters: [.workType])
        try await SeveraSandbox.with(.inProcess, options: workTypesOnly) { sandbox in
            #expect(sandbox.connector.products.carriedFields == common)
        }
        let options = SeveraConnector.Options(productRegisters: [.product, .travelExpense])
        try await SeveraSandbox.with(.inProcess, options: options) { sandbox in
            #expect(sandbox.connector.products.carriedFields == priced)
            try sandbox.seedProduct(.worktypes, code: "100", name: "Hidden")
            let found = try await sandbox.connector.products.find(naturalKey: "100")
            #expect(found == nil, "a disabled register is not searched")
            #expect(sandbox.recorder.count(.get, "/v1/worktypes") == 0)
            let error = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.products.create(Product(code: "101", name: "W", kind: .workType))
            }
            #expect(error?.kind == .invalidRecord)
        }
    }

    @Test("R1: a product's unit, price and VAT are updated; a work type refuses them")
    func aProductsUnitPriceAndVATAreUpdatedAndAWorkTypeRefusesThem() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            let endpoint = sandbox.connector.products
            let product = try await endpoint.create(
                Product(
                    code: "300", name: "Licens", unit: "st", price: Money(minorUnits: 10_000, currency: .sek),
                    vatRate: Decimal(25), kind: .product))
            var changed = product.record
            changed.unit = "h"
            changed.price = Money(minorUnits: 12_550, currency: .sek)
            changed.vatRate = Decimal(12)
            let updated = try await endpoint.update(id: product.id, fields: ["unit", "price", "vatRate"], to: changed)
            #expect(updated.record == changed)
            #expect(try await endpoint.find(naturalKey: "300")?.record == changed)

            let workType = try await endpoint.create(Product(code: "100", name: "Konsulttimme", kind: .workType))
            var priced = workType.record
            priced.price = Money(minorUnits: 95_000, currency: .sek)
            let error = await #expect(throws: ConnectorError.self) {
                try await endpoint.update(id: workType.id, fields: ["price"], to: priced)
            }
            #expect(error?.kind == .invalidRecord)
            let guid = try #require(workType.id.split(separator: ":").last)
            #expect(sandbox.recorder.count(.patch, "/v1/worktypes/\(guid)") == 0, "refused before sending")
        }
    }

    @Test func aCodeUsedInTwoRegistersIsReportedNotGuessed() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            try sandbox.seedProduct(.worktypes, code: "500", name: "Work 500")
            try sandbox.seedProduct(.products, code: "500", name: "Product 500")
            try sandbox.seedProduct(.products, code: "5000", name: "Not a match")
            let error = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.products.find(naturalKey: "500")
            }
            #expect(error?.kind == .invalidRecord)
            #expect(error?.message.contains("Work 500") == true && error?.message.contains("Product 500") == true)
            let single = try await sandbox.connector.products.find(naturalKey: "5000")
            #expect(single?.record.name == "Not a match")
        }
    }

    @Test(arguments: SeveraWire.allCases)
    func incrementalListingReturnsOnlyWhatChangedSinceTheCursor(_ wire: SeveraWire) async throws {
        try await SeveraSandbox.with(wire) { sandbox in
            var guids: [String: String] = [:]
            for index in 0..<30 {
                guids["w\(index)"] = try sandbox.seedProduct(.worktypes, code: "1\(index)", name: "Work \(index)")
                guids["p\(index)"] = try sandbox.seedProduct(.products, code: "3\(index)", name: "Product \(index)")
            }
            sandbox.clock.advance(by: 60)
            try sandbox.seedProduct(.worktypes, code: "1000", name: "Newest work type")
            try sandbox.seedProduct(.travelexpensetypes, code: "2000", name: "Newest travel type")
            try sandbox.seedProduct(.products, code: "3000", name: "Newest product")
            let full = try await severaPages(sandbox.connector.products.changes(since: nil))
            #expect(full.flatMap(\.items).count == 63)
            let cursor = try #require(full.last?.nextCursor)
            // One position per register, each with the register's newest record remembered (O3).
            #expect(cursor.value.split(separator: ";").filter { !$0.contains(".seen=") }.count == 3)
            #expect(cursor.value.split(separator: ";").filter { $0.contains(".seen=") }.count == 3)

            sandbox.clock.advance(by: 3600)
            try sandbox.direct.replace("/v1/worktypes/\(try #require(guids["w7"]))", "/name", "Work seven")
            try sandbox.direct.replace("/v1/products/\(try #require(guids["p12"]))", "/name", "Product twelve")
            let changed = Self.records(try await severaPages(sandbox.connector.products.changes(since: cursor)))
            // Each register's newest record of the previous listing is listed once more (changedSince is >=)
            // and skipped: the cursor remembers it (O3).
            #expect(changed.map(\.record.name).sorted() == ["Product twelve", "Work seven"])
        }
    }

    @Test func aRecordThatCannotBeMappedIsListedAsUnreadableNamingTheFieldNeverDropped() async throws {
        try await SeveraSandbox.with(.inProcess) { sandbox in
            try sandbox.seedProduct(.products, code: "1", name: "Fine")
            let bad = try sandbox.seedProduct(
                .products, code: "2", name: "Sub-öre",
                extra: ["unitPrice": ["amount": SeveraSandbox.number("0.125"), "currencyCode": "SEK"]])
            let items = try await severaPages(sandbox.connector.products.changes(since: nil)).flatMap(\.items)
            #expect(items.count == 2)
            guard case .unreadable(let unreadable) = try #require(items.last) else {
                Issue.record("the record with a sub-öre price was mapped")
                return
            }
            #expect(unreadable.id == "product:\(bad)")
            #expect(unreadable.naturalKey == "2")
            #expect(unreadable.reason.hasPrefix("unitPrice.amount:"))
            let error = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.products.find(naturalKey: "2")
            }
            #expect(error?.kind == .malformedResponse)
            #expect(error?.message.contains("unitPrice.amount") == true)
        }
    }
}
