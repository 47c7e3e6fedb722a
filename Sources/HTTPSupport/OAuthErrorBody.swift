import Foundation
import JSONSupport

/// The error a token endpoint returned, read whatever the `Content-Type` claims.
///
/// Fortnox serves `{"error":"invalid_grant","error_description":"…"}` as `text/html`; Severa sends its
/// `ExceptionModel` `{"error":{"type":"…","details":[{"message":"…"}]}}`; API 401s may be
/// `{"message":"unauthorized"}`.
struct OAuthErrorBody: Sendable, Hashable {
    /// The OAuth error code (`invalid_grant`, `invalid_client`) or Severa error type.
    var code: String?
    /// The server's explanation.
    var detail: String?

    /// Reads `body`; both fields are `nil` when it is not one of the known shapes.
    init(_ body: Data) {
        guard let json = try? JSONParser.parse(body) else { return }
        switch json["error"] {
        case .string(let code):
            self.code = code
            detail = json["error_description"]?.stringValue
        case .object:
            code = json["error"]?["type"]?.stringValue
            let messages = json["error"]?["details"]?.arrayValue?.compactMap { $0["message"]?.stringValue } ?? []
            detail = messages.isEmpty ? nil : messages.joined(separator: "; ")
        default:
            detail = json.member(caseInsensitive: "message")?.stringValue
        }
    }

    /// `code: detail`, or what there is of it.
    var summary: String? {
        switch (code, detail) {
        case (let code?, let detail?): "\(code): \(detail)"
        case (let code?, nil): code
        case (nil, let detail?): detail
        case (nil, nil): nil
        }
    }
}
