import Foundation
import JSONSupport
import SandboxKit

/// Reads one input value for a field the way Severa's model binding does: the JSON type must fit,
/// enums match ignoring case, references must name an existing record, money needs a known currency.
///
/// UNVERIFIED: .NET may coerce `"12"` to a number or `"true"` to a boolean; the emulator does not, and it
/// refuses `null` for non-nullable value types (booleans, `percentage`, invoice dates) as binding does.
enum FieldInput {
    /// The normalized (stored) form of `value` for `field`.
    ///
    /// - Parameters:
    ///   - value: The JSON from the request.
    ///   - field: The field it is for.
    ///   - store: For resolving references and currency codes.
    /// - Returns: The value to store: references become their lowercase guid string, money
    ///   `{"amount","currencyCode"}`, dates `YYYY-MM-DD`, instants with milliseconds and `Z`.
    /// - Throws: ``SeveraAPIError`` 400 `InvalidParameter` naming the field.
    static func normalize(_ value: JSONValue, for field: FieldSpec, store: SeveraStore) throws(SeveraAPIError)
        -> JSONValue
    {
        let name = field.name
        if value.isNull {
            guard field.nullable else { throw .invalidParameter("\(name) must not be null.", name: name) }
            return .null
        }
        switch field.kind {
        case .string(let maxLength):
            guard let text = value.stringValue else { throw typeError(name, "a string", value) }
            if let maxLength, text.count > maxLength {
                throw .invalidParameter("\(name) must be at most \(maxLength) characters long.", name: name)
            }
            return value
        case .boolean:
            guard value.boolValue != nil else { throw typeError(name, "a boolean", value) }
            return value
        case .int32, .int64:
            guard let integer = value.numberValue?.int64 else { throw typeError(name, "an integer", value) }
            if case .int32 = field.kind, integer < Int64(Int32.min) || integer > Int64(Int32.max) {
                throw .invalidParameter("\(name) is out of range.", name: name)
            }
            return .number(JSONNumber(integer))
        case .decimal:
            guard value.numberValue != nil else { throw typeError(name, "a number", value) }
            return value
        case .date:
            guard let text = value.stringValue, let day = SeveraTime.normalizeDay(text) else {
                throw .invalidParameter("\(name) must be a date (YYYY-MM-DD).", name: name)
            }
            return .string(day)
        case .dateTime:
            guard let text = value.stringValue, let instant = SeveraTime.parseInstant(text) else {
                throw .invalidParameter("\(name) must be an ISO-8601 date and time.", name: name)
            }
            return .string(SeveraTime.formatInstant(instant))
        case .enumeration(let cases):
            guard let text = value.stringValue, let match = cases.first(where: { $0.lowercased() == text.lowercased() })
            else {
                throw .invalidParameter(
                    "\(name) must be one of \(cases.joined(separator: ", ")).", name: name)
            }
            return .string(match)
        case .money:
            return try money(value, name: name, store: store)
        case .strings:
            guard let elements = value.arrayValue, elements.allSatisfy({ $0.stringValue != nil }) else {
                throw typeError(name, "an array of strings", value)
            }
            return value
        case .reference(let spec):
            return try reference(value, spec: spec, field: field, store: store)
        case .structured:
            guard value.objectValue != nil else { throw typeError(name, "an object", value) }
            return value
        case .foreignReference(let what):
            guard value.objectValue != nil else { throw typeError(name, "an object with a guid", value) }
            guard let guid = value.member(caseInsensitive: "guid"), !guid.isNull else { return .null }
            // INVENTED: the emulator holds no \(what); every guid is unknown, as it would be in an
            // organisation without them.
            throw .invalidParameter(
                "\(what.prefix(1).uppercased() + what.dropFirst()) with guid '\(guid.stringValue ?? "\(guid)")' was not found.",
                name: "\(name).guid")
        case .stored, .guid, .createdDateTime, .lastUpdatedDateTime, .auditUser, .owner, .ownerGuid,
            .computed, .rendered, .derivedReference:
            throw .invalidParameter("\(name) is read-only.", name: name)
        }
    }

    /// `{"amount": number|null, "currencyCode": "SEK"}` with a currency the organisation has.
    ///
    /// UNVERIFIED: output money is the stored `{"amount","currencyCode"}`; Severa's `multiCurrencyInfo`
    /// (organisation-currency amounts) is not produced.
    static func money(_ value: JSONValue, name: String, store: SeveraStore) throws(SeveraAPIError) -> JSONValue {
        guard value.objectValue != nil else { throw typeError(name, "a money object", value) }
        let amount = value.member(caseInsensitive: "amount") ?? .null
        guard amount.isNull || amount.numberValue != nil else {
            throw .invalidParameter("\(name).amount must be a number.", name: "\(name).amount")
        }
        guard let code = value.member(caseInsensitive: "currencyCode")?.stringValue, !code.isEmpty else {
            throw .invalidParameter("\(name).currencyCode is required.", name: "\(name).currencyCode")
        }
        guard let currency = currencyCode(code, store: store) else {
            throw .invalidParameter(
                "\(name).currencyCode '\(code)' is not a currency of the organisation.", name: "\(name).currencyCode")
        }
        return ["amount": amount, "currencyCode": .string(currency)]
    }

    /// The canonical code of the organisation's currency `code` (matched ignoring case).
    static func currencyCode(_ code: String, store: SeveraStore) -> String? {
        let schema = SeveraDefinitions.schema(.currencies)
        guard let codeField = schema.index(of: "code") else { return nil }
        for record in store[.currencies].records where !record.isDeleted {
            guard let bytes = record.fields.value(of: codeField),
                let stored = StoredValue.string(bytes)
            else { continue }
            if stored.lowercased() == code.lowercased() { return stored }
        }
        return nil
    }

    private static func reference(_ value: JSONValue, spec: ReferenceSpec, field: FieldSpec, store: SeveraStore)
        throws(SeveraAPIError) -> JSONValue
    {
        let name = field.name
        guard value.objectValue != nil else { throw typeError(name, "an object with a guid", value) }
        let guidValue = value.member(caseInsensitive: "guid") ?? .null
        if guidValue.isNull {
            if field.required { throw .invalidParameter("\(name).guid is required.", name: "\(name).guid") }
            return .null
        }
        guard let text = guidValue.stringValue, let guid = SeveraGUID.parse(text) else {
            throw .invalidParameter("\(name).guid must be a GUID.", name: "\(name).guid")
        }
        guard store.record(spec.target, guid) != nil else {
            throw .invalidParameter(
                "\(spec.target.displayName) with guid '\(SeveraGUID.string(guid))' was not found.",
                name: "\(name).guid")
        }
        return .string(SeveraGUID.string(guid))
    }

    private static func typeError(_ name: String, _ expected: String, _ value: JSONValue) -> SeveraAPIError {
        .invalidParameter("\(name) must be \(expected), not \(value.typeDescription).", name: name)
    }
}
