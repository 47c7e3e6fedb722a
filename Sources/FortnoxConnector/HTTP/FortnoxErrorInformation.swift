import Foundation
import JSONSupport

/// Fortnox's error envelope, `{"ErrorInformation":{"error":1,"message":"…","code":2000423}}`, whose
/// key casing varies (404s use `Error/Message/Code`, 400s `error/message/code`; fortnox-api.md §5),
/// so every key is matched without regard to case. The 401 body `{"message":"unauthorized"}` and the
/// invented 429 body `{"message":"Too Many Requests"}` are read as a message without code.
struct FortnoxErrorInformation: Sendable, Equatable {
    /// Fortnox's message (mostly Swedish).
    let message: String?
    /// Fortnox's error code, e.g. `2000433`.
    let code: String?

    /// Reads the envelope from a response body, or `nil` when the body is neither.
    init?(body: Data) {
        guard let json = try? JSONParser.parse(body) else { return nil }
        if let information = json.member(caseInsensitive: "ErrorInformation") {
            message = information.member(caseInsensitive: "message").flatMap(FortnoxErrorInformation.text)
            code = information.member(caseInsensitive: "code").flatMap(FortnoxErrorInformation.text)
            return
        }
        guard let text = json.member(caseInsensitive: "message").flatMap(FortnoxErrorInformation.text) else {
            return nil
        }
        message = text
        code = nil
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text.isEmpty ? nil : text
        case .number(let number): number.literal
        default: nil
        }
    }
}
