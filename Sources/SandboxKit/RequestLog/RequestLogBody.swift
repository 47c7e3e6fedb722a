import Foundation
import JSONSupport

/// How a request or response body appears in the request log.
enum RequestLogBody {
    /// Bodies larger than this are not parsed; their first bytes are logged as text with a marker.
    static let maximumLoggedBytes = 64 * 1024

    /// The body as JSON when it parses, else as text; empty bodies are `null`; secrets redacted.
    static func render(_ body: Data, onTokenEndpoint: Bool) -> JSONValue {
        if body.isEmpty { return .null }
        if body.count > maximumLoggedBytes { return truncated(body, onTokenEndpoint: onTokenEndpoint) }
        if let json = try? JSONParser.parse(body) {
            return SecretRedactor.redactBody(json, onTokenEndpoint: onTokenEndpoint)
        }
        guard let text = String(data: body, encoding: .utf8) else { return .string("[binary: \(body.count) bytes]") }
        if looksLikeForm(text) { return .string(SecretRedactor.redactForm(text, onTokenEndpoint: onTokenEndpoint)) }
        return onTokenEndpoint ? .string(SecretRedactor.marker) : .string(text)
    }

    private static func truncated(_ body: Data, onTokenEndpoint: Bool) -> JSONValue {
        let prefix = String(decoding: body.prefix(maximumLoggedBytes), as: UTF8.self)
        if onTokenEndpoint || SecretRedactor.mentionsCredentials(prefix) {
            return .string("\(SecretRedactor.marker) [truncated: \(body.count) bytes in total]")
        }
        return .string(prefix + "…[truncated: \(body.count) bytes in total]")
    }

    /// `name=value&…` without whitespace: URL-encoded forms (token requests).
    private static func looksLikeForm(_ text: String) -> Bool {
        text.contains("=") && !text.contains(where: { $0.isWhitespace || $0 == "{" || $0 == "<" })
    }
}
