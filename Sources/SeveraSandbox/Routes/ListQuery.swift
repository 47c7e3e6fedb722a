import Foundation
import SandboxKit

/// Typed access to a list request's query parameters; malformed values are 400 `InvalidParameter`
/// naming the parameter (`UriParameter`).
struct ListQuery {
    /// The request.
    let request: ServerRequest
    /// Whether token paging skips a count of matching rows rather than resuming at a table position.
    var shiftingPageTokens = false

    /// A boolean parameter (`true` / `false`, any case), or `nil` when absent or empty.
    func bool(_ name: String) throws(SeveraAPIError) -> Bool? {
        guard let text = value(name) else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw .invalidParameter("\(name) must be true or false.", .uriParameter, name: name)
        }
    }

    /// An integer parameter.
    func int(_ name: String) throws(SeveraAPIError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int32(text) else {
            throw .invalidParameter("\(name) must be an integer.", .uriParameter, name: name)
        }
        return Int(number)
    }

    /// An instant parameter (`changedSince`), in milliseconds since 1970.
    func instant(_ name: String) throws(SeveraAPIError) -> Int64? {
        guard let text = value(name) else { return nil }
        guard let instant = SeveraTime.parseInstant(text) else {
            throw .invalidParameter("\(name) must be an ISO-8601 date and time.", .uriParameter, name: name)
        }
        return instant
    }

    /// A repeated GUID parameter (`customerGuids=a&customerGuids=b`); `nil` when absent.
    func guids(_ name: String) throws(SeveraAPIError) -> Set<UUID>? {
        let texts = request.queryValues(name).filter { !$0.isEmpty }
        guard !texts.isEmpty else { return nil }
        var result = Set<UUID>()
        for text in texts {
            guard let guid = SeveraGUID.parse(text) else {
                throw .invalidParameter("\(name) must hold GUIDs, not '\(text)'.", .uriParameter, name: name)
            }
            result.insert(guid)
        }
        return result
    }

    /// A single GUID parameter.
    func guid(_ name: String) throws(SeveraAPIError) -> UUID? {
        try guids(name)?.first
    }

    /// A repeated number parameter (`numbers=1001&numbers=1002`); `nil` when absent.
    func numbers(_ name: String) throws(SeveraAPIError) -> Set<Int64>? {
        let texts = request.queryValues(name).filter { !$0.isEmpty }
        guard !texts.isEmpty else { return nil }
        var result = Set<Int64>()
        for text in texts {
            guard let number = Int64(text) else {
                throw .invalidParameter("\(name) must hold numbers, not '\(text)'.", .uriParameter, name: name)
            }
            result.insert(number)
        }
        return result
    }

    /// A repeated string parameter; `nil` when absent.
    func strings(_ name: String) -> [String]? {
        let values = request.queryValues(name).filter { !$0.isEmpty }
        return values.isEmpty ? nil : values
    }

    /// A string parameter; `nil` when absent or empty.
    func value(_ name: String) -> String? {
        guard let text = request.queryValue(name), !text.isEmpty else { return nil }
        return text
    }

    /// An enumeration parameter, matched ignoring case and returned in canonical case.
    func choice(_ name: String, _ cases: [String]) throws(SeveraAPIError) -> String? {
        guard let text = value(name) else { return nil }
        guard let match = cases.first(where: { $0.lowercased() == text.lowercased() }) else {
            throw .invalidParameter(
                "\(name) must be one of \(cases.joined(separator: ", ")).", .uriParameter, name: name)
        }
        return match
    }

    /// A stable digest of every parameter except paging ones: a page token is only valid for the
    /// query it was issued for.
    var fingerprint: UInt64 {
        let ignored: Set<String> = ["pagetoken", "rowcount", "firstrow", "calculaterowcount"]
        let parts = request.query.filter { !ignored.contains($0.name.lowercased()) }
            .map { "\($0.name.lowercased())=\($0.value)" }.sorted()
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in ([request.path.lowercased()] + parts).joined(separator: "&").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return hash
    }
}
