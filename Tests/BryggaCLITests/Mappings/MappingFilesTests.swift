import Foundation
import SyncCore
import Testing

/// The JSON files in `Mappings/` and the compiled-in defaults are the same data (they cannot drift).
@Suite struct MappingFilesTests {
    /// Every `*.json` file in the repository's `Mappings/` folder.
    private static func mappingFiles() throws -> [String] {
        let root = try #require(PackageRoot.path(), "the tests run from the package checkout")
        let folder = root + "/Mappings"
        return try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".json") }.sorted().map { folder + "/" + $0 }
    }

    @Test func everyShippedFileEqualsTheCompiledInDefaults() throws {
        let defaults = MappingSet.defaults
        var covered: [String: String] = [:]
        for path in try Self.mappingFiles() {
            let data = try #require(FileManager.default.contents(atPath: path))
            let file = try MappingOverride.decode(data, file: path)
            #expect(!file.sections.isEmpty, "\(path) holds no mapping section")
            for section in file.sections {
                #expect(covered[section] == nil, "\(section) is in both \(covered[section] ?? "") and \(path)")
                covered[section] = path
            }
            if file.sections.contains("addressRoles") {
                #expect(file.addressRoles == defaults.addressRoles.mapValues { $0 }, "\(path)")
            }
            if file.sections.contains("units") {
                #expect(file.units == defaults.units.entries.mapValues { $0 }, "\(path)")
            }
            if file.sections.contains("productKinds") {
                #expect(file.newFortnoxArticle == defaults.productKinds.newFortnoxArticle, "\(path)")
                #expect(file.fortnoxArticleTypes == defaults.productKinds.fortnoxArticleTypes, "\(path)")
            }
            if file.sections.contains("vatRates") {
                #expect(file.vatRates == defaults.vatRates.rates.mapValues { $0 }, "\(path)")
            }
        }
        #expect(Set(covered.keys) == Set(MappingOverride.sectionNames), "every section ships as a file")
    }

    @Test func theShippedFilesAreConsistentWhenAppliedTogether() throws {
        var merged = MappingSet.defaults
        for path in try Self.mappingFiles() {
            let data = try #require(FileManager.default.contents(atPath: path))
            merged = try merged.applying(MappingOverride.decode(data, file: path))
        }
        #expect(merged == MappingSet.defaults)
    }

    @Test("R2.4: Severa billing, postal and visit addresses map to Fortnox invoice, delivery and visiting fields")
    func mapsSeveraAddressRolesToFortnoxFields() {
        let roles = MappingSet.defaults.addressRoles
        #expect(roles[.billing]?.severaFlag == .isBillingAddress)
        #expect(roles[.billing]?.fortnox.line1 == "Address1")
        #expect(roles[.postal]?.severaFlag == .isPostalAddress)
        #expect(roles[.postal]?.fortnox.postalCode == "DeliveryZipCode")
        #expect(roles[.visiting]?.severaFlag == .isVisitAddress)
        #expect(roles[.visiting]?.fortnox.line2 == nil)
    }

    @Test("R1.3: Severa unit spellings translate to Fortnox unit codes")
    func translatesSeveraUnitSpellingsToFortnoxCodes() {
        let units = MappingSet.defaults.units
        #expect(units.fortnoxCode(forSeveraUnit: " Tim ") == "h")
        #expect(units.fortnoxCode(forSeveraUnit: "H") == "h")
        #expect(units.fortnoxCode(forSeveraUnit: "kpl") == "st")
        #expect(units.fortnoxCode(forSeveraUnit: "pall") == "pall")
        #expect(units.fortnoxCode(forSeveraUnit: "  ") == nil)
        #expect(units.severaUnit(forFortnoxCode: "förp") == "förp")
        #expect(units.severaUnit(forFortnoxCode: "pall") == "pall")
    }

    @Test("R1: each Severa register gets a Fortnox article type; new Fortnox articles become Materials products")
    func givesEachRegisterAnArticleType() {
        let kinds = MappingSet.defaults.productKinds
        #expect(kinds.articleType(for: .workType) == .service)
        #expect(kinds.articleType(for: .travelExpense) == .service)
        #expect(kinds.articleType(for: .product) == .stock)
        #expect(kinds.newFortnoxArticle == NewArticleRule(register: .product, severaProductType: .materials))
    }

    @Test func knowsTheNordicVATRates() throws {
        let rates = MappingSet.defaults.vatRates
        let finnish = try #require(Decimal(string: "25.5"))
        #expect(rates.accepts(finnish, inCountry: "fi"))
        #expect(!rates.accepts(finnish, inCountry: "SE"))
        #expect(rates.rates(forCountry: "SE") == [25, 12, 6, 0])
        #expect(rates.rates(forCountry: "NO") == [25, 15, 12, 0])
        #expect(rates.rates(forCountry: "DK") == [25, 0])
        #expect(!rates.accepts(25, inCountry: "DE"))
    }
}
