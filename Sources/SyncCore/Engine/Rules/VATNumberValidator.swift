/// Checks the shape of a VAT registration number per country (R2.2).
///
/// The check is on shape only (country prefix and character pattern), not on checksums or
/// registration. Spaces, dots and dashes are ignored and letters may be lower case, so
/// `se 556677-8899 01` passes; the record itself is never changed.
public enum VATNumberValidator {
    /// The pattern of the part after the two-letter country prefix.
    private enum Shape: Sendable {
        /// Exactly `count` digits followed by the literal `suffix`.
        case digits(Int, suffix: String)
        /// Between `range.lowerBound` and `range.upperBound` letters or digits.
        case alphanumerics(ClosedRange<Int>)

        var description: String {
            switch self {
            case .digits(let count, let suffix):
                suffix.isEmpty ? "\(count) digits" : "\(count) digits followed by \(suffix)"
            case .alphanumerics(let range):
                "\(range.lowerBound)–\(range.upperBound) letters or digits"
            }
        }

        func matches(_ body: [UInt8]) -> Bool {
            switch self {
            case .digits(let count, let suffix):
                let suffixBytes = Array(suffix.utf8)
                guard body.count == count + suffixBytes.count else { return false }
                return body.prefix(count).allSatisfy(isDigit) && Array(body.suffix(suffixBytes.count)) == suffixBytes
            case .alphanumerics(let range):
                return range.contains(body.count) && body.allSatisfy { isDigit($0) || isLetter($0) }
            }
        }
    }

    private static let otherEU = Shape.alphanumerics(2...13)

    /// The accepted country prefixes and their shapes: the Nordic ones exactly, the other EU member
    /// states (Greece as `EL`, Northern Ireland as `XI`) by the general VIES shape.
    private static let shapes: [String: Shape] = [
        "SE": .digits(10, suffix: "01"), "NO": .digits(9, suffix: "MVA"), "FI": .digits(8, suffix: ""),
        "DK": .digits(8, suffix: ""), "AT": otherEU, "BE": otherEU, "BG": otherEU, "CY": otherEU, "CZ": otherEU,
        "DE": otherEU, "EE": otherEU, "EL": otherEU, "ES": otherEU, "FR": otherEU, "HR": otherEU, "HU": otherEU,
        "IE": otherEU, "IT": otherEU, "LT": otherEU, "LU": otherEU, "LV": otherEU, "MT": otherEU, "NL": otherEU,
        "PL": otherEU, "PT": otherEU, "RO": otherEU, "SI": otherEU, "SK": otherEU, "XI": otherEU,
    ]

    /// What is wrong with `vatNumber`, in words an operator understands, or `nil` when its shape is valid.
    public static func problem(with vatNumber: String?) -> String? {
        guard let vatNumber, !vatNumber.isEmpty else { return "the VAT number is missing" }
        var compact: [UInt8] = []
        compact.reserveCapacity(vatNumber.utf8.count)
        for byte in vatNumber.utf8 {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "-"), UInt8(ascii: "."): continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"): compact.append(byte - 0x20)
            default: compact.append(byte)
            }
        }
        guard compact.count >= 2, isLetter(compact[0]), isLetter(compact[1]) else {
            return "VAT number \"\(vatNumber)\" does not start with a two-letter country code"
        }
        let prefix = String(decoding: compact.prefix(2), as: UTF8.self)
        guard let shape = shapes[prefix] else {
            return "VAT number \"\(vatNumber)\" has country code \(prefix), which is not an EU country or Norway"
        }
        guard shape.matches(Array(compact.dropFirst(2))) else {
            return "VAT number \"\(vatNumber)\" is not a valid \(prefix) number: \(prefix) must be followed by "
                + shape.description
        }
        return nil
    }

    /// Whether `vatNumber` has a valid shape.
    public static func isValid(_ vatNumber: String?) -> Bool { problem(with: vatNumber) == nil }
}

private func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
private func isLetter(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
