import Foundation
import JSONSupport

/// Decodes the sections of a mapping file into a ``MappingOverride``.
struct MappingOverrideDecoder {
    /// The file's top-level object.
    let top: JSONObjectReader

    /// `addressRoles`: role → `{severaFlag, fortnox: {line1, line2, postalCode, city, countryCode}}` or `null`.
    func decodeAddressRoles(into result: inout MappingOverride) throws(JSONDocumentError) {
        guard let roles = try top.object("addressRoles", allowedKeys: AddressRole.allCases.map(\.rawValue)) else {
            return
        }
        for role in AddressRole.allCases {
            guard roles.members[role.rawValue] != nil else { continue }
            guard
                let entry = try roles.object(role.rawValue, allowedKeys: ["severaFlag", "fortnox"])
            else {
                result.addressRoles[role] = .some(nil)
                continue
            }
            let flagValue = try required(entry, "severaFlag")
            let flag = try JSONObjectReader.choice(flagValue, as: SeveraAddressFlag.self) { expectation in
                entry.mismatch("severaFlag", expected: expectation, found: flagValue)
            }
            let fieldKeys = ["line1", "line2", "postalCode", "city", "countryCode"]
            guard let fields = try entry.object("fortnox", allowedKeys: fieldKeys) else {
                throw entry.error("fortnox", "missing; expected an object naming the Fortnox fields")
            }
            let mapping = AddressRoleMapping(
                severaFlag: flag,
                fortnox: FortnoxAddressFields(
                    line1: try fortnoxField(fields, "line1"),
                    line2: try fields.value("line2") == nil ? nil : fortnoxField(fields, "line2"),
                    postalCode: try fortnoxField(fields, "postalCode"),
                    city: try fortnoxField(fields, "city"),
                    countryCode: try fortnoxField(fields, "countryCode")
                )
            )
            let used = mapping.fortnox.allFields
            if let repeated = used.first(where: { field in used.filter { $0 == field }.count > 1 }) {
                throw entry.error("fortnox", "Fortnox field \"\(repeated)\" is named twice")
            }
            result.addressRoles[role] = mapping
        }
    }

    /// A Fortnox customer address field name.
    private func fortnoxField(_ fields: JSONObjectReader, _ key: String) throws(JSONDocumentError) -> String {
        let value = try required(fields, key)
        guard let name = value.stringValue, FortnoxAddressFields.knownFields.contains(name) else {
            var expectation = "a Fortnox customer address field"
            if let text = value.stringValue,
                let suggestion = NameSuggestion.closest(to: text, among: FortnoxAddressFields.knownFields)
            {
                expectation += " (did you mean \"\(suggestion)\"?)"
            } else {
                expectation += " (" + FortnoxAddressFields.knownFields.joined(separator: ", ") + ")"
            }
            throw fields.mismatch(key, expected: expectation, found: value)
        }
        return name
    }

    /// `units`: Fortnox code → `{severaName, aliases}` or `null`.
    func decodeUnits(into result: inout MappingOverride) throws(JSONDocumentError) {
        guard let value = top.value("units") else { return }
        let codes = value.objectValue.map { Array($0.keys) } ?? []
        let units = try JSONObjectReader(value, file: top.file, path: top.path.appending("units"), allowedKeys: codes)
        for code in codes.sorted() {
            guard code.count <= 20, !code.trimmingWhitespace.isEmpty, code.trimmingWhitespace == code else {
                throw units.error(code, "a Fortnox unit code is 1 to 20 characters without surrounding spaces")
            }
            guard let entry = try units.object(code, allowedKeys: ["severaName", "aliases"]) else {
                result.units[code] = .some(nil)
                continue
            }
            let aliases = try entry.stringArray("aliases") ?? []
            result.units[code] = UnitMapping(severaName: try entry.string("severaName"), aliases: aliases)
        }
    }

    /// `productKinds`: `{newFortnoxArticle: {register, severaProductType}, fortnoxArticleTypes: {register: type}}`.
    func decodeProductKinds(into result: inout MappingOverride) throws(JSONDocumentError) {
        guard
            let kinds = try top.object("productKinds", allowedKeys: ["newFortnoxArticle", "fortnoxArticleTypes"])
        else { return }
        if let rule = try kinds.object("newFortnoxArticle", allowedKeys: ["register", "severaProductType"]) {
            let registerValue = try required(rule, "register")
            let typeValue = try required(rule, "severaProductType")
            result.newFortnoxArticle = NewArticleRule(
                register: try JSONObjectReader.choice(registerValue, as: ProductKind.self) { expectation in
                    rule.mismatch("register", expected: expectation, found: registerValue)
                },
                severaProductType: try JSONObjectReader.choice(typeValue, as: SeveraProductType.self) { expectation in
                    rule.mismatch("severaProductType", expected: expectation, found: typeValue)
                }
            )
        }
        let registers = ProductKind.allCases.map(\.rawValue)
        guard let types = try kinds.object("fortnoxArticleTypes", allowedKeys: registers) else { return }
        for kind in ProductKind.allCases {
            guard let value = types.value(kind.rawValue) else { continue }
            result.fortnoxArticleTypes[kind] = try JSONObjectReader.choice(value, as: FortnoxArticleType.self) {
                expectation in types.mismatch(kind.rawValue, expected: expectation, found: value)
            }
        }
    }

    /// `vatRates`: country code → array of percentages, or `null`.
    func decodeVATRates(into result: inout MappingOverride) throws(JSONDocumentError) {
        guard let value = top.value("vatRates") else { return }
        let countries = value.objectValue.map { Array($0.keys) } ?? []
        let table = try JSONObjectReader(
            value, file: top.file, path: top.path.appending("vatRates"), allowedKeys: countries
        )
        for country in countries.sorted() {
            guard country.count == 2, country.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                throw table.error(country, "expected a two-letter upper-case country code (ISO 3166-1), e.g. \"SE\"")
            }
            guard let ratesValue = table.value(country) else {
                result.vatRates[country] = .some(nil)
                continue
            }
            result.vatRates[country] = try rates(ratesValue, in: table, country: country)
        }
    }

    /// A non-empty array of distinct percentages from 0 to 100.
    private func rates(_ value: JSONValue, in table: JSONObjectReader, country: String) throws(JSONDocumentError)
        -> [Decimal]
    {
        guard let elements = value.arrayValue, !elements.isEmpty else {
            throw table.mismatch(country, expected: "a non-empty array of percentages", found: value)
        }
        var rates: [Decimal] = []
        for (index, element) in elements.enumerated() {
            let path = table.path.appending(country).appending(index: index)
            guard let rate = element.numberValue?.decimal, rate >= 0, rate < 100 else {
                throw JSONDocumentError(
                    file: table.file,
                    keyPath: path.description,
                    problem: "expected a percentage from 0 to 100 (e.g. 25 or 25.5), found \(element.foundDescription)"
                )
            }
            guard !rates.contains(rate) else {
                throw JSONDocumentError(
                    file: table.file, keyPath: path.description, problem: "rate \(rate) is listed twice")
            }
            rates.append(rate)
        }
        return rates
    }

    /// The mandatory member `key` of `object`.
    private func required(_ object: JSONObjectReader, _ key: String) throws(JSONDocumentError) -> JSONValue {
        guard let value = object.value(key) else { throw object.error(key, "missing") }
        return value
    }
}
