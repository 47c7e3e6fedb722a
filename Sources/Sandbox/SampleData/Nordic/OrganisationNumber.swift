/// Organisation numbers and VAT numbers of the three Nordic countries the sample data uses, with
/// their check digits.
///
/// - Sweden: *organisationsnummer*, 10 digits written `NNNNNN-NNNN`; the last digit is a Luhn check
///   digit over the first nine. VAT number `SE` + the 10 digits + `01`.
/// - Norway: *organisasjonsnummer*, 9 digits; the last is a mod-11 check digit with weights
///   3 2 7 6 5 4 3 2 (a remainder giving 10 is never issued). VAT number `NO` + the 9 digits + `MVA`.
/// - Finland: *Y-tunnus* (business id), 7 digits, a hyphen and a mod-11 check digit with weights
///   7 9 10 5 8 4 2 (remainder 1 is never issued). VAT number `FI` + the 8 digits.
public enum OrganisationNumber {
    /// Whether `number` (as the sample data writes it, separators allowed) has a valid check digit for
    /// `countryCode` (`SE`, `NO` or `FI`).
    public static func isValid(_ number: String, countryCode: String) -> Bool {
        let digits = number.compactMap(\.wholeNumberValue)
        guard digits.count == number.filter({ $0 != "-" && $0 != " " }).count else { return false }
        switch countryCode {
        case "SE": return digits.count == 10 && swedishCheckDigit(digits.prefix(9)) == digits[9]
        case "NO": return digits.count == 9 && norwegianCheckDigit(digits.prefix(8)) == digits[8]
        case "FI": return digits.count == 8 && finnishCheckDigit(digits.prefix(7)) == digits[7]
        default: return false
        }
    }

    /// The VAT registration number of a company with organisation number `number` in `countryCode`.
    public static func vatNumber(for number: String, countryCode: String) -> String {
        let digits = String(number.filter(\.isNumber))
        switch countryCode {
        case "SE": return "SE" + digits + "01"
        case "NO": return "NO" + digits + "MVA"
        default: return countryCode + digits
        }
    }

    /// A new organisation number for `country`, drawn from `random`, formatted as the country writes it.
    static func make(for country: NordicCountry, using random: inout SampleRandom) -> String {
        switch country {
        case .sweden:
            // Limited companies (aktiebolag) start 55 and the third digit is at least 2.
            var digits = [5, 5, random.int(6...9)] + random.digits(6)
            digits.append(swedishCheckDigit(digits[...]))
            return text(digits.prefix(6)) + "-" + text(digits.suffix(4))
        case .norway:
            while true {
                var digits = [random.int(8...9)] + random.digits(7)
                guard let check = norwegianCheckDigit(digits[...]) else { continue }
                digits.append(check)
                return text(digits[...])
            }
        case .finland:
            while true {
                var digits = [random.int(1...3)] + random.digits(6)
                guard let check = finnishCheckDigit(digits[...]) else { continue }
                digits.append(check)
                return text(digits.prefix(7)) + "-" + text(digits.suffix(1))
            }
        }
    }

    /// The Luhn check digit over nine digits (weights 2 1 2 1 … from the left).
    static func swedishCheckDigit(_ digits: ArraySlice<Int>) -> Int {
        var sum = 0
        for (offset, digit) in digits.enumerated() {
            let product = digit * (offset % 2 == 0 ? 2 : 1)
            sum += product / 10 + product % 10
        }
        return (10 - sum % 10) % 10
    }

    /// The mod-11 check digit over eight digits, or `nil` when the number cannot be issued.
    static func norwegianCheckDigit(_ digits: ArraySlice<Int>) -> Int? {
        modulo11CheckDigit(digits, weights: [3, 2, 7, 6, 5, 4, 3, 2]) { remainder in
            remainder == 0 ? 0 : remainder == 1 ? nil : 11 - remainder
        }
    }

    /// The mod-11 check digit over seven digits, or `nil` when the number cannot be issued.
    static func finnishCheckDigit(_ digits: ArraySlice<Int>) -> Int? {
        modulo11CheckDigit(digits, weights: [7, 9, 10, 5, 8, 4, 2]) { remainder in
            remainder == 0 ? 0 : remainder == 1 ? nil : 11 - remainder
        }
    }

    private static func modulo11CheckDigit(
        _ digits: ArraySlice<Int>, weights: [Int], digit: (Int) -> Int?
    ) -> Int? {
        guard digits.count == weights.count else { return nil }
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return digit(sum % 11)
    }

    private static func text(_ digits: ArraySlice<Int>) -> String {
        String(digits.map { Character(String($0)) })
    }
}
