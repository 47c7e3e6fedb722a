import FortnoxSandbox
import JSONSupport
import SeveraSandbox
import SyncCore
import Testing

@Suite("Products (R1.1-R1.4)")
struct ProductScenarioTests {
    @Test("R1.1: a code-and-name match links; a code-only or name-only match is reported, not merged")
    func matchingNeedsCodeAndName() async throws {
        let bed = try await ScenarioBed()
        try bed.seedSeveraProduct(code: "6001", name: "Skruv")
        try bed.seedFortnoxArticle("6001", "Skruv")
        try bed.seedSeveraProduct(code: "6002", name: "Mutter")
        try bed.seedFortnoxArticle("6002", "Bult")
        try bed.seedSeveraProduct(code: "6003", name: "Bricka")
        try bed.seedFortnoxArticle("6004", "Bricka")

        let result = await bed.run()

        #expect(try bed.log(of: result, .linked, entity: .product, key: "6001").first?.rule == "R1.1")
        let codeOnly = try #require(try bed.log(of: result, .failed, key: "6002").first)
        #expect(codeOnly.rule == "R1.1")
        #expect(codeOnly.reason?.contains("names differ") == true)
        let nameOnly = try bed.log(of: result, .failed, entity: .product).filter {
            $0.reason?.contains("name \"Bricka\" matches") == true
        }
        #expect(!nameOnly.isEmpty)
        #expect(nameOnly.allSatisfy { $0.rule == "R1.1" })
        #expect(try await bed.fortnoxRecord(.articles, "6002")?["Description"] == "Bult")
        #expect(try await bed.severaProduct("6002")?.record.name == "Mutter")
        #expect(try await bed.fortnoxRecord(.articles, "6003") == nil)
        #expect(try await bed.severaProduct("6004") == nil)
        #expect(try bed.store.linkCount(entity: .product) == 1)
    }

    @Test("R1.2: a product with an empty or non-numeric code is not transferred and the log names it")
    func codesMustBeNumeric() async throws {
        let bed = try await ScenarioBed()
        try bed.seedSeveraProduct(code: "", name: "Diverse material")
        try bed.seedSeveraProduct(code: "KONS-A", name: "Konsulttimme A")
        try bed.seedFortnoxArticle("ABC-100", "Kabel")
        try bed.seedSeveraProduct(code: "6101", name: "Giltig")

        let result = await bed.run()

        let failures = try bed.log(of: result, .failed, entity: .product).filter { $0.rule == "R1.2" }
        let reasons = failures.compactMap(\.reason)
        #expect(reasons.contains { $0.contains("\"Diverse material\" has no code") })
        #expect(reasons.contains { $0.contains("\"Konsulttimme A\" has the non-numeric code \"KONS-A\"") })
        #expect(reasons.contains { $0.contains("\"Kabel\" has the non-numeric code \"ABC-100\"") })
        #expect(bed.fortnoxCount(.articles) == 2)  // ABC-100 and the valid 6101
        #expect(try await bed.severaProduct("ABC-100") == nil)
        #expect(try await bed.fortnoxRecord(.articles, "6101")?["Description"] == "Giltig")
    }

    @Test("R1.3: a unit missing in Fortnox stops the product; an empty unit is allowed")
    func unitsMustExistInFortnox() async throws {
        let bed = try await ScenarioBed(units: ["st"])
        try bed.seedSeveraProduct(code: "7001", name: "Lastpall", unit: "pall")
        try bed.seedSeveraProduct(code: "7002", name: "Utan enhet")
        try bed.seedSeveraProduct(code: "7003", name: "Styck", unit: "st")

        let result = await bed.run()

        let failure = try #require(try bed.log(of: result, .failed, key: "7001").first)
        #expect(failure.rule == "R1.3")
        #expect(failure.reason?.contains("unit \"pall\", which does not exist in Fortnox") == true)
        #expect(try await bed.fortnoxRecord(.articles, "7001") == nil)
        let empty = try #require(try await bed.fortnoxRecord(.articles, "7002"))
        #expect(empty["Unit"]?.stringValue ?? "" == "")
        #expect(try await bed.fortnoxRecord(.articles, "7003")?["Unit"] == "st")
    }

    @Test("R1.4: the match report lists pairs, code-only and name-only matches and one-sided products")
    func matchReport() async throws {
        let bed = try await ScenarioBed()
        try bed.seedSeveraProduct(code: "6201", name: "Par")
        try bed.seedFortnoxArticle("6201", "Par")
        try bed.seedSeveraProduct(code: "6202", name: "Severa-namn")
        try bed.seedFortnoxArticle("6202", "Fortnox-namn")
        try bed.seedSeveraProduct(.worktypes, code: "6203", name: "Samma namn")
        try bed.seedFortnoxArticle("6204", "Samma namn")
        try bed.seedSeveraProduct(code: "6205", name: "Bara Severa")
        try bed.seedFortnoxArticle("6206", "Bara Fortnox")

        let report = try await bed.engine().productMatchReport()

        #expect(report.pairs.map(\.pm.code) == ["6201"])
        #expect(report.codeMismatches.map(\.accounting.name) == ["Fortnox-namn"])
        #expect(report.nameMismatches.map { [$0.pm.code, $0.accounting.code] } == [["6203", "6204"]])
        #expect(report.onlyInPM.map(\.code) == ["6205"])
        #expect(report.onlyInAccounting.map(\.code) == ["6206"])
        #expect(!report.isConsistent)
        #expect(bed.writes.isEmpty)
    }
}
