public import Foundation

/// `application/x-www-form-urlencoded` bodies (the OAuth2 token endpoint's format, RFC 6749 §B).
public enum FormURLEncoding {
    /// The content type to send with a form body.
    public static let contentType = "application/x-www-form-urlencoded"

    /// Encodes `pairs` in order as `name=value&…`, escaping everything but unreserved characters.
    public static func encode(_ pairs: [(name: String, value: String)]) -> Data {
        Data(pairs.map { "\(escape($0.name))=\(escape($0.value))" }.joined(separator: "&").utf8)
    }

    /// Percent-encodes `text` so only RFC 3986 unreserved characters stay literal.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += byte < 16 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return result
    }
}
