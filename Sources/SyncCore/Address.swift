public import JSONSupport

/// The role an address plays (R2.4): Severa billing/postal/visit, Fortnox invoice/delivery/visiting.
public enum AddressRole: String, Sendable, Hashable, CaseIterable, Codable {
    case billing
    case postal
    case visiting

    /// The member of ``Customer``'s canonical form that holds this role's address.
    public var canonicalKey: String { "\(rawValue)Address" }
}

/// A postal address in canonical form.
///
/// `lines` holds the street lines in order (Severa writes them as one multi-line `addressline`;
/// Fortnox has `Address1`/`Address2`, or one line for the visiting address). `countryCode` is
/// ISO 3166-1 alpha-2.
public struct Address: Sendable, Hashable {
    /// Street lines, first to last, without empty lines.
    public var lines: [String]
    /// The postal code as written, e.g. `114 55`.
    public var postalCode: String?
    /// The city.
    public var city: String?
    /// ISO 3166-1 alpha-2 code, upper case, e.g. `SE`.
    public var countryCode: String?

    /// Creates an address; empty street lines are dropped.
    public init(lines: [String], postalCode: String? = nil, city: String? = nil, countryCode: String? = nil) {
        self.lines = lines.filter { !$0.isEmpty }
        self.postalCode = postalCode
        self.city = city
        self.countryCode = countryCode?.uppercased()
    }

    /// Whether the address carries nothing at all.
    public var isEmpty: Bool {
        lines.isEmpty && (postalCode ?? "").isEmpty && (city ?? "").isEmpty
    }

    /// The canonical JSON form.
    public var canonicalJSON: JSONValue {
        var writer = CanonicalWriter()
        if !lines.isEmpty { writer.set("lines", json: .array(lines.map(JSONValue.string))) }
        writer.set("postalCode", postalCode)
        writer.set("city", city)
        writer.set("countryCode", countryCode)
        return writer.json
    }

    /// Reads the canonical form.
    init(reader: CanonicalReader) throws(CanonicalFormError) {
        self.init(
            lines: try reader.optionalStringArray("lines") ?? [],
            postalCode: try reader.optionalString("postalCode"),
            city: try reader.optionalString("city"),
            countryCode: try reader.optionalString("countryCode")
        )
    }
}

extension CanonicalReader {
    /// An optional array of strings.
    public func optionalStringArray(_ key: String) throws(CanonicalFormError) -> [String]? {
        guard let object = try optionalValue(key) else { return nil }
        guard let elements = object.arrayValue else {
            throw error(key, reason: "expected an array, found \(object.typeDescription)")
        }
        var strings: [String] = []
        for element in elements {
            guard let text = element.stringValue else {
                throw error(key, reason: "expected an array of strings")
            }
            strings.append(text)
        }
        return strings
    }
}
