import Foundation
import HTTPSupport

/// One Fortnox API call: method, path below the API origin and query, with the text that names it
/// in errors (`GET /3/units/förp`).
struct FortnoxCall: Sendable, CustomStringConvertible {
    /// The method.
    let method: HTTPMethod
    /// The path segments after the origin, unencoded, e.g. `["3", "customers", "12"]`.
    let segments: [String]
    /// The query items, unencoded, in order.
    let query: [(name: String, value: String)]
    /// Whether repeating the call has the same effect as making it once; `nil` uses the method's
    /// meaning. Fortnox actions such as `PUT …/bookkeep` and `PUT …/credit` are not idempotent.
    let idempotent: Bool?

    /// Creates a call on `/3/<segments>`.
    init(
        _ method: HTTPMethod, _ segments: [String], query: [(name: String, value: String)] = [],
        idempotent: Bool? = nil
    ) {
        self.init(method, root: "3", segments, query: query, idempotent: idempotent)
    }

    /// Creates a call on `/<root>/<segments>`, e.g. root `api` for the file-attachment service.
    init(
        _ method: HTTPMethod, root: String, _ segments: [String], query: [(name: String, value: String)] = [],
        idempotent: Bool? = nil
    ) {
        self.method = method
        self.segments = [root] + segments
        self.query = query
        self.idempotent = idempotent
    }

    /// `METHOD /path?query`, readable (not percent-encoded); used as ``ConnectorError/operation``.
    var description: String {
        let path = "/" + segments.joined(separator: "/")
        guard !query.isEmpty else { return "\(method) \(path)" }
        return "\(method) \(path)?" + query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// The absolute URL below `origin` (which has no trailing slash).
    func url(origin: String) -> URL? {
        var text = origin + "/" + segments.map(FortnoxCall.encode).joined(separator: "/")
        if !query.isEmpty {
            text +=
                "?"
                + query.map { "\(FortnoxCall.encode($0.name))=\(FortnoxCall.encode($0.value))" }
                .joined(separator: "&")
        }
        return URL(string: text)
    }

    /// RFC 3986 unreserved characters; everything else in a key or query value is percent-encoded
    /// (keys may be non-ASCII, e.g. the unit `förp`, or contain `/`).
    private static let unreserved: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return set
    }()

    private static func encode(_ text: String) -> String {
        // Most keys and values are plain (numbers, dates): skip Foundation's encoder, which is slow on Linux.
        if text.utf8.allSatisfy(isUnreserved) { return text }
        return text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }
}
