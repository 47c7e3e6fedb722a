import Foundation
import SandboxKit

/// Severa's opaque `pageToken` / `NextPageToken`, here the table position to resume at plus a digest of
/// the query it belongs to: resuming is a jump, not a re-scan, and records added meanwhile are found
/// on later pages.
enum PageToken {
    /// The token for resuming `kind` at `position` under a query with `fingerprint`.
    static func encode(kind: SeveraKind, position: Int, fingerprint: UInt64) -> String {
        let text = "v1:\(kind.rawValue):\(position):\(String(fingerprint, radix: 16))"
        return Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The position a token resumes at.
    ///
    /// INVENTED: a token used with other filters (or on another route) than it was issued for is
    /// rejected; Severa's behaviour for that is unknown.
    /// - Throws: ``SeveraAPIError`` 400 `InvalidParameter` for a malformed or foreign token.
    static func decode(_ token: String, kind: SeveraKind, fingerprint: UInt64) throws(SeveraAPIError) -> Int {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        let parts =
            Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }?
            .split(separator: ":").map(String.init) ?? []
        guard parts.count == 4, parts[0] == "v1", Int(parts[1]) == kind.rawValue, let position = Int(parts[2]),
            position >= 0
        else {
            throw .invalidParameter("The page token is not valid.", .uriParameter, name: "pageToken")
        }
        guard UInt64(parts[3], radix: 16) == fingerprint else {
            throw .invalidParameter(
                "The page token belongs to a request with other filters.", .uriParameter, name: "pageToken")
        }
        return position
    }
}
