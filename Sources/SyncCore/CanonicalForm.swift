public import Foundation
public import JSONSupport

/// Builds the canonical JSON object of a record; optional values that are `nil` are left out.
public struct CanonicalWriter: Sendable {
    /// The members written so far.
    public private(set) var members: [String: JSONValue] = [:]

    /// Creates an empty writer.
    public init() {}

    /// The finished object.
    public var json: JSONValue { .object(members) }

    /// Writes a string; `nil` is left out.
    public mutating func set(_ key: String, _ value: String?) {
        if let value { members[key] = .string(value) }
    }

    /// Writes a boolean.
    public mutating func set(_ key: String, _ value: Bool?) {
        if let value { members[key] = .bool(value) }
    }

    /// Writes an integer.
    public mutating func set(_ key: String, _ value: Int64?) {
        if let value { members[key] = .number(JSONNumber(value)) }
    }

    /// Writes an exact decimal.
    public mutating func set(_ key: String, _ value: Decimal?) {
        if let value { members[key] = .number(JSONNumber(value)) }
    }

    /// Writes a date as `YYYY-MM-DD`.
    public mutating func set(_ key: String, _ value: LocalDate?) {
        if let value { members[key] = .string(value.description) }
    }

    /// Writes money as `{"currency":"SEK","minorUnits":1250}`.
    public mutating func set(_ key: String, _ value: Money?) {
        if let value {
            members[key] = .object([
                "currency": .string(value.currency.code), "minorUnits": .number(JSONNumber(value.minorUnits)),
            ])
        }
    }

    /// Writes a nested canonical value.
    public mutating func set(_ key: String, json value: JSONValue?) {
        if let value { members[key] = value }
    }
}

/// Reads members of a canonical JSON object, with errors naming the member.
public struct CanonicalReader: Sendable {
    private let members: [String: JSONValue]
    private let entity: EntityKind
    private let path: String

    /// Creates a reader for `json`, which must be an object.
    ///
    /// - Throws: ``CanonicalFormError`` when `json` is not an object.
    public init(_ json: JSONValue, entity: EntityKind, path: String = "") throws(CanonicalFormError) {
        guard let members = json.objectValue else {
            throw CanonicalFormError(
                entity: entity, member: path.isEmpty ? "(root)" : path,
                reason: "expected an object, found \(json.typeDescription)")
        }
        self.members = members
        self.entity = entity
        self.path = path
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The raw value of a member, `nil` when absent or null.
    public func optionalValue(_ key: String) throws(CanonicalFormError) -> JSONValue? {
        guard let value = members[key], !value.isNull else { return nil }
        return value
    }

    /// An error about member `key`.
    public func error(_ key: String, reason: String) -> CanonicalFormError {
        CanonicalFormError(entity: entity, member: name(key), reason: reason)
    }

    private func failure(_ key: String, expected: String, found: JSONValue) -> CanonicalFormError {
        CanonicalFormError(
            entity: entity, member: name(key), reason: "expected \(expected), found \(found.typeDescription)")
    }

    /// A required string.
    public func string(_ key: String) throws(CanonicalFormError) -> String {
        guard let value = try optionalString(key) else {
            throw CanonicalFormError(entity: entity, member: name(key), reason: "missing")
        }
        return value
    }

    /// An optional string.
    public func optionalString(_ key: String) throws(CanonicalFormError) -> String? {
        guard let value = members[key], !value.isNull else { return nil }
        guard let text = value.stringValue else { throw failure(key, expected: "a string", found: value) }
        return text
    }

    /// An optional boolean.
    public func optionalBool(_ key: String) throws(CanonicalFormError) -> Bool? {
        guard let value = members[key], !value.isNull else { return nil }
        guard let flag = value.boolValue else { throw failure(key, expected: "a boolean", found: value) }
        return flag
    }

    /// A boolean that defaults to `defaultValue` when absent.
    public func bool(_ key: String, default defaultValue: Bool) throws(CanonicalFormError) -> Bool {
        try optionalBool(key) ?? defaultValue
    }

    /// An optional exact decimal.
    public func optionalDecimal(_ key: String) throws(CanonicalFormError) -> Decimal? {
        guard let value = members[key], !value.isNull else { return nil }
        guard let decimal = value.numberValue?.decimal else { throw failure(key, expected: "a number", found: value) }
        return decimal
    }

    /// An optional integer.
    public func optionalInt(_ key: String) throws(CanonicalFormError) -> Int64? {
        guard let value = members[key], !value.isNull else { return nil }
        guard let number = value.numberValue?.int64 else { throw failure(key, expected: "an integer", found: value) }
        return number
    }

    /// An optional `YYYY-MM-DD` date.
    public func optionalDate(_ key: String) throws(CanonicalFormError) -> LocalDate? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = LocalDate(text) else {
            throw CanonicalFormError(entity: entity, member: name(key), reason: "not a YYYY-MM-DD date: \(text)")
        }
        return date
    }

    /// Optional money written as `{"currency","minorUnits"}`.
    public func optionalMoney(_ key: String) throws(CanonicalFormError) -> Money? {
        guard let value = members[key], !value.isNull else { return nil }
        let nested = try CanonicalReader(value, entity: entity, path: name(key))
        guard let units = try nested.optionalInt("minorUnits"), let code = try nested.optionalString("currency"),
            let currency = CurrencyCode(code)
        else {
            throw CanonicalFormError(entity: entity, member: name(key), reason: "expected {currency, minorUnits}")
        }
        return Money(minorUnits: units, currency: currency)
    }

    /// An optional nested object, as a reader.
    public func optionalObject(_ key: String) throws(CanonicalFormError) -> CanonicalReader? {
        guard let value = members[key], !value.isNull else { return nil }
        return try CanonicalReader(value, entity: entity, path: name(key))
    }

    /// An optional array of nested objects, as readers.
    public func objectArray(_ key: String) throws(CanonicalFormError) -> [CanonicalReader] {
        guard let value = members[key], !value.isNull else { return [] }
        guard let elements = value.arrayValue else { throw failure(key, expected: "an array", found: value) }
        var readers: [CanonicalReader] = []
        for (index, element) in elements.enumerated() {
            readers.append(try CanonicalReader(element, entity: entity, path: "\(name(key))[\(index)]"))
        }
        return readers
    }

    /// A required value of a string-backed enumeration.
    public func enumeration<Value: RawRepresentable>(_ key: String, as type: Value.Type) throws(CanonicalFormError)
        -> Value where Value.RawValue == String
    {
        let raw = try string(key)
        guard let value = Value(rawValue: raw) else {
            throw CanonicalFormError(entity: entity, member: name(key), reason: "unknown value \"\(raw)\"")
        }
        return value
    }
}
