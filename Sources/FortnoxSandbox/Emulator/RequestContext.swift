import Foundation
import SandboxKit

/// What a write or read needs to know besides the request: the time and how to build `@url`s.
struct RequestContext: Sendable {
    /// The instant the request is handled.
    let now: Date
    /// The company's local time.
    let time: FortnoxLocalTime
    /// The origin of `@url` values, e.g. `https://api.fortnox.se`.
    let baseURL: String

    /// The modification stamp of writes made now.
    var stamp: Int64 { FortnoxLocalTime.stamp(now) }

    /// Today's date in the company's time zone.
    var today: FortnoxCalendarDate { time.date(of: now) }

    /// The `@url` of `/3/<path>/<key>`, the key percent-encoded (`förp` → `f%C3%B6rp`).
    func url(_ path: String, _ keys: String...) -> String {
        var url = baseURL + "/3/" + path
        for key in keys { url += "/" + RequestContext.encodePathSegment(key) }
        return url
    }

    /// Percent-encodes everything in `segment` but RFC 3986 unreserved characters.
    static func encodePathSegment(_ segment: String) -> String {
        let isPlain = segment.utf8.allSatisfy(isUnreserved)
        if isPlain { return segment }
        var encoded = ""
        for byte in segment.utf8 {
            if isUnreserved(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return encoded
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
