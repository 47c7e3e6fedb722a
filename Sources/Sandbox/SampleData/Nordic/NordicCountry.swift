/// The countries sample customers come from, with how each writes its company names, postal codes,
/// phone numbers and VAT numbers, and what Fortnox (a Swedish company's books) records for them.
enum NordicCountry: String, CaseIterable, Sendable {
    case sweden = "SE"
    case norway = "NO"
    case finland = "FI"

    /// The ISO 3166 code, e.g. `SE`.
    var code: String { rawValue }

    /// The currency the customer is invoiced in.
    var currency: String {
        switch self {
        case .sweden: "SEK"
        case .norway: "NOK"
        case .finland: "EUR"
        }
    }

    /// The Severa language code of the customer.
    var languageCode: String {
        switch self {
        case .sweden: "sv"
        case .norway: "nb"
        case .finland: "fi"
        }
    }

    /// Fortnox's `VATType` for a customer of a Swedish company: domestic VAT, export outside the EU
    /// (Norway), reverse charge inside the EU (Finland).
    var fortnoxVATType: String {
        switch self {
        case .sweden: "SEVAT"
        case .norway: "EXPORT"
        case .finland: "EUREVERSEDVAT"
        }
    }

    /// The company-form suffix, e.g. `AB`.
    var companySuffix: String {
        switch self {
        case .sweden: "AB"
        case .norway: "AS"
        case .finland: "Oy"
        }
    }

    /// The top-level domain of company web sites and e-mail addresses.
    var domain: String {
        switch self {
        case .sweden: "se"
        case .norway: "no"
        case .finland: "fi"
        }
    }

    /// A postal code of the country's shape within `range` (Sweden `NNN NN`, Norway `NNNN`,
    /// Finland `NNNNN`).
    func postalCode(in range: ClosedRange<Int>, using random: inout SampleRandom) -> String {
        let value = random.int(range)
        switch self {
        case .sweden:
            let digits = String(value)
            let padded = String(repeating: "0", count: max(0, 5 - digits.count)) + digits
            return String(padded.prefix(3)) + " " + String(padded.suffix(2))
        case .norway:
            let digits = String(value)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        case .finland:
            let digits = String(value)
            return String(repeating: "0", count: max(0, 5 - digits.count)) + digits
        }
    }

    /// Whether `postalCode` has the country's shape.
    static func isPostalCode(_ postalCode: String, countryCode: String) -> Bool {
        let bytes = Array(postalCode.utf8)
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        switch countryCode {
        case "SE":
            return bytes.count == 6 && bytes[3] == UInt8(ascii: " ")
                && bytes.enumerated().allSatisfy {
                    $0.offset == 3 || isDigit($0.element)
                }
        case "NO": return bytes.count == 4 && bytes.allSatisfy(isDigit)
        case "FI": return bytes.count == 5 && bytes.allSatisfy(isDigit)
        default: return false
        }
    }

    /// A phone number in international form, e.g. `+46 8 123 45 67`.
    func phoneNumber(using random: inout SampleRandom) -> String {
        func group(_ count: Int) -> String {
            String(decoding: (0..<count).map { _ in UInt8(ascii: "0") + UInt8(random.below(10)) }, as: UTF8.self)
        }
        switch self {
        case .sweden:
            let area = random.pick(["8", "31", "40", "18", "13", "19", "21", "90", "920", "36", "42", "11"])
            return "+46 \(area) \(random.int(1...9))\(group(2)) \(group(2)) \(group(2))"
        case .norway:
            return "+47 \(random.int(2...9))\(group(1)) \(group(2)) \(group(2)) \(group(2))"
        case .finland:
            let area = random.pick(["9", "2", "3", "8", "14", "17", "13"])
            return "+358 \(area) \(random.int(1...9))\(group(2)) \(group(4))"
        }
    }
}
