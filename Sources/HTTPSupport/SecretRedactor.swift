import Foundation
import Synchronization

/// Removes secrets from text before it reaches an error description or a log line.
///
/// Two layers:
/// - **Known secrets** (client secret, every access and refresh token seen, authorization codes,
///   the Basic credential) are registered as they become known and replaced wherever they occur,
///   also in their percent-encoded and JSON-escaped spellings.
/// - **Shapes of secrets** catch what was never registered: `Bearer …`/`Basic …` credentials of 16 or
///   more characters, JSON members such as `"refresh_token":"…"` (also cut off before the closing
///   quote), and form or query pairs such as `client_secret=…`.
///
/// One redactor is shared by everything that talks to one API (token provider, client, log), so a
/// token learnt by the provider is redacted from the client's errors too. Registered secrets are kept
/// for the life of the redactor: a previous token must stay redacted after rotation.
public final class SecretRedactor: Sendable {
    /// What a secret is replaced with.
    public static let placeholder = "[redacted]"

    /// Registered spellings, longest first so a secret containing another is replaced whole.
    private let spellings: Mutex<[String]>
    /// The secrets whose spellings are all in ``spellings`` already: every request registers its
    /// access token, and working out the spellings again each time cost more than the request.
    private let registered: Mutex<Set<String>>

    /// Creates a redactor that already knows `secrets`.
    public init(secrets: [String] = []) {
        self.spellings = Mutex([])
        self.registered = Mutex([])
        for secret in secrets { register(secret) }
    }

    /// The shortest string treated as a secret. Shorter ones would mangle ordinary words in every
    /// message; real client secrets, tokens and codes are far longer.
    public static let minimumSecretLength = 8

    /// Adds a secret; strings shorter than ``minimumSecretLength`` are ignored.
    public func register(_ secret: String) {
        guard secret.count >= SecretRedactor.minimumSecretLength,
            !registered.withLock({ $0.contains(secret) })
        else { return }
        let variants = SecretRedactor.spellings(of: secret)
        spellings.withLock { known in
            var changed = false
            for variant in variants where !known.contains(variant) {
                known.append(variant)
                changed = true
            }
            if changed { known.sort { $0.count > $1.count } }
        }
        // Only now that its spellings are in may a later call skip the work.
        registered.withLock { _ = $0.insert(secret) }
    }

    /// `text` with every registered secret and every secret-shaped value replaced by ``placeholder``.
    public func redact(_ text: String) -> String {
        var result = text
        for spelling in spellings.withLock({ $0 }) where result.contains(spelling) {
            result = result.replacingOccurrences(of: spelling, with: SecretRedactor.placeholder)
        }
        return SecretRedactor.redactShapes(result)
    }

    /// The raw, percent-encoded and JSON-escaped spellings of `secret`.
    private static func spellings(of secret: String) -> [String] {
        var variants = [secret, FormURLEncoding.escape(secret)]
        let jsonEscaped =
            secret
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        variants.append(jsonEscaped)
        variants.append(jsonEscaped.replacingOccurrences(of: "/", with: "\\/"))
        var unique: [String] = []
        for variant in variants where !unique.contains(variant) { unique.append(variant) }
        return unique
    }

    /// Replaces credentials recognisable by their surroundings.
    private static func redactShapes(_ text: String) -> String {
        var result = text
        let placeholder = SecretRedactor.placeholder
        let scheme = #/(?i)\b(bearer|basic)\s+([A-Za-z0-9._~+\/=-]{16,})/#
        result = result.replacing(scheme) { match in "\(match.output.1) \(placeholder)" }
        let jsonMember =
            #/(?i)"(access_token|refresh_token|id_token|client_secret|clientsecret|password|accesstoken|refreshtoken)"\s*:\s*"(?:[^"\\]|\\.)*"?/#
        // The closing quote is optional: a body excerpt may end inside the value.
        result = result.replacing(jsonMember) { match in "\"\(match.output.1)\":\"\(placeholder)\"" }
        let formPair = #/(?i)\b(access_token|refresh_token|id_token|client_secret|password|code)=([^&\s"']*)/#
        result = result.replacing(formPair) { match in "\(match.output.1)=\(placeholder)" }
        return result
    }
}
