import Foundation
import SandboxKit

/// ISO 3166-1 alpha-2 country codes and the Swedish country names Fortnox derives from them
/// (`"CountryCode":"SE"` shows `"Country":"Sverige"` [rec]).
enum CountryNames {
    /// Swedish names by upper-case code.
    static let byCode: [String: String] = {
        let swedish = Locale(identifier: "sv_SE")
        let excluded: Set<String> = ["EU", "EZ", "UN", "QO", "ZZ"]
        var names: [String: String] = [:]
        for region in Locale.Region.isoRegions {
            let code = region.identifier
            guard code.count == 2, code.allSatisfy(\.isLetter), !excluded.contains(code) else { continue }
            names[code] = swedish.localizedString(forRegionCode: code) ?? code
        }
        return names
    }()

    /// The Swedish name of `code`, or `nil` when it is not a country code.
    static func name(of code: String) -> String? {
        let isUpper =
            code.utf8.count == 2 && code.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        return byCode[isUpper ? code : code.uppercased()]
    }
}
