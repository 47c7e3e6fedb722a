public import Foundation
public import HTTPSupport

/// A request as an emulator sees it: method, the path split into decoded segments, the decoded
/// query in order, headers and body. Built from a socket's request line or from an ``HTTPRequest``.
public struct ServerRequest: Sendable {
    /// The method.
    public var method: HTTPMethod
    /// The path as received, still percent-encoded, e.g. `/3/units/f%C3%B6rp`.
    public var path: String
    /// The path's segments, percent-decoded, e.g. `["3", "units", "förp"]`.
    public var pathSegments: [String]
    /// The query items, percent-decoded (`+` is a space), in the order sent; names may repeat.
    public var query: [(name: String, value: String)]
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body.
    public var body: Data

    /// Creates a request from a request target (`/path?query`) as it appears on the request line.
    public init(method: HTTPMethod, target: String, headers: HTTPHeaders = [:], body: Data = Data()) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.method = method
        self.path = parts.isEmpty ? "/" : String(parts[0])
        self.pathSegments = path.split(separator: "/").map {
            ServerRequest.percentDecode(String($0), plusIsSpace: false)
        }
        self.query = parts.count > 1 ? ServerRequest.parseQuery(String(parts[1])) : []
        self.headers = headers
        self.body = body
    }

    /// Creates a request from a client-side ``HTTPRequest`` (the in-process transport).
    public init(_ request: HTTPRequest) {
        let components = URLComponents(url: request.url, resolvingAgainstBaseURL: false)
        var target = components?.percentEncodedPath ?? request.url.path
        if target.isEmpty { target = "/" }
        if let query = components?.percentEncodedQuery { target += "?" + query }
        self.init(method: request.method, target: target, headers: request.headers, body: request.body)
    }

    /// The first value of query parameter `name`, compared without regard to case.
    public func queryValue(_ name: String) -> String? {
        let lowered = name.lowercased()
        return query.first { $0.name.lowercased() == lowered }?.value
    }

    /// Every value of query parameter `name` (repeated keys such as `customerGuids=a&customerGuids=b`).
    public func queryValues(_ name: String) -> [String] {
        let lowered = name.lowercased()
        return query.filter { $0.name.lowercased() == lowered }.map(\.value)
    }

    private static func parseQuery(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&").map { pair in
            let halves = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecode(String(halves[0]), plusIsSpace: true)
            let value = halves.count > 1 ? percentDecode(String(halves[1]), plusIsSpace: true) : ""
            return (name: name, value: value)
        }
    }

    /// Decodes `%XX` escapes (and `+` as a space in queries); malformed escapes are kept literally.
    package static func percentDecode(_ text: String, plusIsSpace: Bool) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return text
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+"), plusIsSpace {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let high = hexValue(iterator[iterator.startIndex]),
                let low = hexValue(iterator[iterator.startIndex + 1])
            {
                bytes.append(high << 4 | low)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
