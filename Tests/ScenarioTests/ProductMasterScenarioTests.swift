import FortnoxSandbox
import Foundation
import JSONSupport
import SeveraSandbox
import SyncCore
import Testing

@Suite("Product master (R1.5)")
struct ProductMasterScenarioTests {
    @Test(
        "R1.5: new products go both ways whatever the master", arguments: [SystemSide.projectManagement, .accounting])
    func newProductsBothWays(master: SystemSide) async throws {
        let bed = try await ScenarioBed(configuration: EngineConfiguration(productMaster: master))
        try bed.seedSeveraProduct(code: "8001", name: "Från Severa", unit: "st", price: "120")
        try bed.seedFortnoxArticle("8002", "Från Fortnox", unit: "st", price: "80")

        let result = await bed.run()

        #expect(result.exitCode == 0)
        let article = try #require(try await bed.fortnoxRecord(.articles, "8001"))
        #expect(article["Description"] == "Från Severa")
        #expect(article["SalesPrice"]?.numberValue?.decimal == 120)
        let product = try #require(try await bed.severaProduct("8002"))
        #expect(product.record.name == "Från Fortnox")
        #expect(product.record.price?.decimal == 80)
    }

    @Test(
        "R1.5: the master decides a price changed on both sides, both values logged",
        arguments: [SystemSide.projectManagement, .accounting])
    func masterDecidesConflict(master: SystemSide) async throws {
        let bed = try await ScenarioBed(configuration: EngineConfiguration(productMaster: master))
        let guid = try bed.seedSeveraProduct(code: "8101", name: "Konsult", unit: "h", price: "1000")
        #expect(await bed.run().exitCode == 0)
        try bed.editSevera("products/\(guid)", ["unitPrice": ["amount": 1100, "currencyCode": "SEK"]])
        try await bed.editFortnoxPrice("8101", "1200")

        let result = await bed.run()

        let expected: Decimal = master == .projectManagement ? 1100 : 1200
        #expect(try await bed.fortnoxRecord(.articles, "8101")?["SalesPrice"]?.numberValue?.decimal == expected)
        #expect(try await bed.severaProduct("8101")?.record.price?.decimal == expected)
        let conflict = try #require(try bed.log(of: result, .conflict, key: "8101").first)
        let price = try #require(conflict.conflicts.first { $0.field == "price" })
        #expect(price.winner == master)
        #expect(price.pmValue != price.accountingValue)
        #expect(price.pmValue != nil && price.accountingValue != nil)
    }

    @Test("R1.5: a Severa product's price change reaches Fortnox")
    func productPriceReachesFortnox() async throws {
        let bed = try await ScenarioBed()
        let guid = try bed.seedSeveraProduct(code: "8201", name: "Kabel", unit: "st", price: "100")
        #expect(await bed.run().exitCode == 0)
        try bed.editSevera("products/\(guid)", ["unitPrice": ["amount": 150, "currencyCode": "SEK"]])

        let result = await bed.run()

        #expect(result.exitCode == 0)
        #expect(try await bed.fortnoxRecord(.articles, "8201")?["SalesPrice"]?.numberValue?.decimal == 150)
    }

    @Test("R1.5: a Severa work type never clears the Fortnox article's price")
    func workTypeKeepsArticlePrice() async throws {
        let bed = try await ScenarioBed()
        let guid = try bed.seedSeveraProduct(.worktypes, code: "8301", name: "Rådgivning")
        try bed.seedFortnoxArticle("8301", "Rådgivning", unit: "h", price: "950")
        #expect(await bed.run().exitCode == 0)
        try bed.editSevera("worktypes/\(guid)", ["name": "Rådgivning senior"])

        let result = await bed.run()

        #expect(result.exitCode == 0)
        let article = try #require(try await bed.fortnoxRecord(.articles, "8301"))
        #expect(article["Description"] == "Rådgivning senior")
        #expect(article["SalesPrice"]?.numberValue?.decimal == 950)
        #expect(article["Unit"] == "h")
    }

    @Test("R1.5: a price changed in Fortnox on an article linked to a Severa work type is not sent to Severa")
    func articlePriceOfWorkTypeStaysInFortnox() async throws {
        let bed = try await ScenarioBed(configuration: EngineConfiguration(productMaster: .accounting))
        try bed.seedSeveraProduct(.worktypes, code: "8401", name: "Projektledning")
        try bed.seedFortnoxArticle("8401", "Projektledning", unit: "h", price: "1100")
        #expect(await bed.run().exitCode == 0)
        try await bed.editFortnoxPrice("8401", "1250")

        let result = await bed.run()

        #expect(result.exitCode == 0, "\(result.entries.compactMap(\.reason))")
        #expect(bed.severaTraffic.writes.isEmpty, "\(bed.severaTraffic.writes)")
        #expect(try await bed.fortnoxRecord(.articles, "8401")?["SalesPrice"]?.numberValue?.decimal == 1250)
    }
}
