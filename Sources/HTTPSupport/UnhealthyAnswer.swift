import Foundation
package import JSONSupport

/// An answer that did not come from the API as documented: an HTML page, another content type, a body
/// that is not JSON or is cut off, a 2xx without the API's envelope, a redirect.
///
/// Such an answer says nothing about the record asked for: the API is down for maintenance, or
/// something between Brygga and it (a proxy, a firewall, a captive portal) answered instead, or the
/// answer was cut on its way. Connectors mark the error they make from it (`ConnectorError.isUnhealthyAnswer`)
/// and the engine treats it as an outage, exit 69, when the run depends on the request or when three
/// record reads in a row get one.
///
/// The description names what was wrong and what came back: the status, the content type, the body's
/// length and its first ``excerptLength`` characters, printable-escaped, after the API's
/// ``SecretRedactor`` removed every secret from it.
package struct UnhealthyAnswer: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, e.g. `an HTML page instead of JSON`.
    package let problem: String
    /// The status received.
    package let status: Int
    /// The `Content-Type` received, if any.
    package let contentType: String?
    /// The length of the body in bytes.
    package let bodyLength: Int
    /// The start of the body, printable-escaped and redacted; `nil` for an empty body.
    package let bodyStart: String?

    /// The most characters of the body shown.
    package static let excerptLength = 80

    /// Describes `response` as an answer that is not the API's because of `problem`.
    package init(_ problem: String, response: HTTPResponse, redactor: SecretRedactor) {
        self.problem = problem
        self.status = response.status
        self.contentType = response.headers["Content-Type"].map(redactor.redact)
        self.bodyLength = response.body.count
        self.bodyStart = Self.excerpt(of: response.body, redactor: redactor)
    }

    /// `HTTP 200, Content-Type text/html, 1520 bytes: "<!DOCTYPE html>\n<html>…"`.
    package var whatCameBack: String {
        var parts = ["HTTP \(status)", contentType.map { "Content-Type \($0)" } ?? "no Content-Type"]
        if let bodyStart {
            parts.append("\(bodyLength) bytes: \"\(bodyStart)\"")
        } else {
            parts.append("empty body")
        }
        return parts.joined(separator: ", ")
    }

    package var description: String { "\(problem) (\(whatCameBack))" }

    /// The JSON of a 2xx `response`, or why it is not the API's answer.
    ///
    /// An HTML page (by content type or by its first character), a `Content-Type` that is not JSON
    /// (when `checksContentType`; the Fortnox token endpoint labels its JSON `text/html`), an empty
    /// body and a body that does not parse (cut off, or not JSON at all) are not the API's. A missing
    /// `Content-Type` is accepted when the body is JSON.
    package static func json(
        of response: HTTPResponse, redactor: SecretRedactor, checksContentType: Bool = true
    ) -> Result<JSONValue, UnhealthyAnswer> {
        let mediaType = Self.mediaType(of: response)
        if mediaType == "text/html" || Self.looksLikeMarkup(response.body) {
            return .failure(UnhealthyAnswer("an HTML page instead of JSON", response: response, redactor: redactor))
        }
        if checksContentType, let mediaType, !isJSON(mediaType) {
            return .failure(
                UnhealthyAnswer("Content-Type \(mediaType) instead of JSON", response: response, redactor: redactor))
        }
        if response.body.isEmpty {
            return .failure(UnhealthyAnswer("an empty body instead of JSON", response: response, redactor: redactor))
        }
        do {
            return .success(try JSONParser.parse(response.body))
        } catch {
            let endsEarly =
                error.offset >= response.body.count || error.reason.hasPrefix("unexpected end of input")
                || error.reason.hasPrefix("unterminated")
            let problem =
                endsEarly
                ? "JSON cut off after \(response.body.count) bytes (\(error.reason))"
                : "a body that is not JSON (\(error.description))"
            return .failure(UnhealthyAnswer(problem, response: response, redactor: redactor))
        }
    }

    /// Why a 4xx `response` is not the API's own refusal, or `nil` when it may be.
    ///
    /// Both APIs refuse with a JSON body or none at all (Fortnox's `ErrorInformation`, Severa's
    /// `ExceptionModel`, Severa's bare 404); a body that is not JSON (a proxy's HTML 403 or 404) is
    /// someone else's. Telling them apart matters most for 404: a proxy's "not found" read as the API's
    /// would make Brygga create a record that exists.
    package static func inRefusal(_ response: HTTPResponse, redactor: SecretRedactor) -> UnhealthyAnswer? {
        guard !response.body.isEmpty else { return nil }
        if Self.looksLikeMarkup(response.body) {
            return UnhealthyAnswer(
                "an HTML page instead of the API's error", response: response, redactor: redactor)
        }
        guard (try? JSONParser.parse(response.body)) == nil else { return nil }
        return UnhealthyAnswer("an error body that is not JSON", response: response, redactor: redactor)
    }

    /// The media type of `response` in lower case, without parameters, or `nil` without the header.
    private static func mediaType(of response: HTTPResponse) -> String? {
        guard let value = response.headers["Content-Type"] else { return nil }
        let type = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return type.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// `application/json`, `text/json` or a structured `+json` type.
    private static func isJSON(_ mediaType: String) -> Bool {
        mediaType == "application/json" || mediaType == "text/json" || mediaType.hasSuffix("+json")
    }

    /// Whether the body's first character after white space is `<` (HTML, XML): JSON never starts so.
    private static func looksLikeMarkup(_ body: Data) -> Bool {
        let blanks: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        return body.first(where: { !blanks.contains($0) }) == UInt8(ascii: "<")
    }

    /// The start of `body`, redacted before it is shortened (a secret is never cut in half), with
    /// control characters, quotes and backslashes escaped so the excerpt is one printable line.
    static func excerpt(of body: Data, redactor: SecretRedactor) -> String? {
        guard !body.isEmpty else { return nil }
        let redacted = redactor.redact(String(decoding: body.prefix(4096), as: UTF8.self))
        var text = ""
        var length = 0
        for scalar in redacted.unicodeScalars {
            let piece = escaped(scalar)
            guard length + piece.count <= excerptLength else { return text + "…" }
            text += piece
            length += piece.count
        }
        return body.count > 4096 ? text + "…" : text
    }

    private static func escaped(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\r": return "\\r"
        case "\t": return "\\t"
        case "\"": return "\\\""
        case "\\": return "\\\\"
        default:
            let isControl = scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
            return isControl ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
        }
    }
}
