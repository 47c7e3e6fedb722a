import Foundation
import JSONSupport
import Sandbox
import Testing

/// The regular sample data is valid the way the Nordic registers define it.
@Suite struct SampleDataValidityTests {
    @Test(arguments: [
        ("556012-5790", "SE", true), ("556012-5791", "SE", false), ("5560125790", "SE", true),
        ("923609016", "NO", true), ("923609015", "NO", false), ("0112038-9", "FI", true),
        ("0112038-8", "FI", false), ("556012-579X", "SE", false), ("923609016", "SE", false),
    ])
    func organisationNumberCheckDigits(_ number: String, _ country: String, _ valid: Bool) {
        #expect(OrganisationNumber.isValid(number, countryCode: country) == valid)
    }

    @Test func vatNumbersFollowTheOrganisationNumber() {
        #expect(OrganisationNumber.vatNumber(for: "556012-5790", countryCode: "SE") == "SE556012579001")
        #expect(OrganisationNumber.vatNumber(for: "923609016", countryCode: "NO") == "NO923609016MVA")
        #expect(OrganisationNumber.vatNumber(for: "0112038-9", countryCode: "FI") == "FI01120389")
    }

    @Test func everyOrganisationNumberHasAValidCheckDigitAndItsVATNumberTheRightShape() throws {
        let (environment, _) = try SampleSandbox.make(seed: 3, size: .demo)
        var countries: Set<String> = []
        for (number, customer) in ExportedState(environment).fortnox("customers") {
            guard let organisationNumber = customer["OrganisationNumber"]?.stringValue else { continue }
            let country = try #require(customer["CountryCode"]?.stringValue)
            countries.insert(country)
            #expect(
                OrganisationNumber.isValid(organisationNumber, countryCode: country),
                "customer \(number): \(organisationNumber) (\(country))")
            let vat = try #require(customer["VATNumber"]?.stringValue)
            #expect(Self.hasValidShape(vat, organisationNumber: organisationNumber, country: country), "\(vat)")
        }
        #expect(countries == ["SE", "NO", "FI"])
    }

    @Test func severaVATNumbersHaveTheRightShapeExceptTheMalformedOne() throws {
        let (environment, _) = try SampleSandbox.make(seed: 3, size: .demo)
        let shapes = [("SE", 10, "01"), ("NO", 9, "MVA"), ("FI", 8, "")]
        for customer in ExportedState(environment).severa("customers") {
            guard let vat = customer["vatNumber"]?.stringValue else { continue }
            let valid = shapes.contains { prefix, digits, suffix in
                vat.hasPrefix(prefix) && vat.hasSuffix(suffix) && vat.count == 2 + digits + suffix.count
                    && vat.dropFirst(2).dropLast(suffix.count).allSatisfy(\.isNumber)
            }
            let number = customer["number"]?.numberValue?.int64
            #expect(valid == (number != 9002), "customer \(number ?? 0): \(vat)")
        }
    }

    @Test func postalCodesHaveTheirCountrysShape() throws {
        let (environment, _) = try SampleSandbox.make(seed: 5, size: .demo)
        let state = ExportedState(environment)
        var countryCodes: [String: String] = [:]
        for country in state.severa("countries") {
            if let guid = country["guid"]?.stringValue { countryCodes[guid] = country["code2"]?.stringValue }
        }
        let addresses = state.severa("addresses")
        #expect(addresses.count > 60)
        for address in addresses {
            let countryGuid = address["country"]?.stringValue ?? address["country"]?["guid"]?.stringValue
            let country = try #require(countryGuid.flatMap { countryCodes[$0] })
            let postalCode = try #require(address["postalCode"]?.stringValue)
            #expect(Self.hasPostalShape(postalCode, country: country), "\(postalCode) in \(country)")
        }
        for (number, customer) in state.fortnox("customers") {
            for prefix in ["", "Delivery", "Visiting"] {
                guard let zip = customer[prefix + "ZipCode"]?.stringValue else { continue }
                let country = try #require(customer[prefix + "CountryCode"]?.stringValue)
                #expect(Self.hasPostalShape(zip, country: country), "customer \(number) \(prefix)ZipCode \(zip)")
            }
        }
    }

    @Test("R2.4: customers have several addresses, also several of the same type")
    func customersHaveSeveralAddresses() throws {
        let (environment, _) = try SampleSandbox.make(size: .demo)
        let state = ExportedState(environment)
        let counts = state.severa("customers").map { state.severaAddresses(of: $0["guid"]) }
        #expect(counts.contains { $0.count == 1 })
        #expect(counts.contains { $0.count >= 3 })
        let twoVisits = counts.contains { addresses in
            addresses.filter { $0["isVisitAddress"] == .bool(true) }.count >= 2
        }
        #expect(twoVisits)
    }

    @Test("R1.3: every Fortnox article's unit exists; Severa units are Fortnox units or their spellings")
    func unitsExistInFortnox() throws {
        let (environment, _) = try SampleSandbox.make(size: .demo)
        let state = ExportedState(environment)
        let units = Set(state.fortnox("units").keys)
        #expect(units.isSuperset(of: ["st", "h", "dag", "km", "förp"]))
        for (number, article) in state.fortnox("articles") {
            if let unit = article["Unit"]?.stringValue { #expect(units.contains(unit), "article \(number): \(unit)") }
        }
        let spellings = units.union(["styck", "pcs", "st.", "tim", "timme", "dagar", "förpackning"])
        let unknown = state.severaProducts().compactMap { product -> String? in
            guard let unit = product["measurementUnit"]?.stringValue, !unit.isEmpty else { return nil }
            return spellings.contains(unit) ? nil : product["code"]?.stringValue
        }
        #expect(unknown == ["9003"])
    }

    @Test func pricesAndNamesArePairedAcrossTheSides() throws {
        let (environment, _) = try SampleSandbox.make(size: .demo)
        let state = ExportedState(environment)
        let articles = state.fortnox("articles")
        let prices = state.fortnox("prices")
        var paired = 0
        for product in state.severa("products") {
            guard let code = product["code"]?.stringValue, code.hasPrefix("1"), let article = articles[code] else {
                continue
            }
            paired += 1
            #expect(article["Description"] == product["name"])
            let price = prices.first { $0.key.contains("\u{1F}\(code)\u{1F}") }?.value["Price"]
            #expect(price?.numberValue?.decimal == product["unitPrice"]?["amount"]?.numberValue?.decimal)
        }
        #expect(paired > 10)
    }

    private static func hasValidShape(_ vat: String, organisationNumber: String, country: String) -> Bool {
        let digits = organisationNumber.filter(\.isNumber)
        switch country {
        case "SE": return vat == "SE\(digits)01" && digits.count == 10
        case "NO": return vat == "NO\(digits)MVA" && digits.count == 9
        case "FI": return vat == "FI\(digits)" && digits.count == 8
        default: return false
        }
    }

    private static func hasPostalShape(_ code: String, country: String) -> Bool {
        let characters = Array(code)
        switch country {
        case "SE":
            return characters.count == 6 && characters[3] == " "
                && characters.enumerated().allSatisfy { $0.offset == 3 || $0.element.isNumber }
        case "NO": return characters.count == 4 && characters.allSatisfy(\.isNumber)
        case "FI": return characters.count == 5 && characters.allSatisfy(\.isNumber)
        default: return false
        }
    }
}
