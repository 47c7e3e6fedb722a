public import Foundation

/// Reads the `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP date.
public enum RetryAfter {
    /// The wait `value` asks for, measured from `now`; a date in the past means no wait.
    ///
    /// - Parameters:
    ///   - value: The header value, e.g. `7` or `Wed, 21 Oct 2015 07:28:00 GMT`.
    ///   - now: The current time on the client's clock.
    /// - Returns: The wait, or `nil` when `value` is neither form.
    public static func delay(_ value: String, now: Date) -> Duration? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            // Absurdly long values saturate instead of overflowing.
            return .seconds(Int64(trimmed) ?? Int64.max / 1_000_000_000_000)
        }
        guard let date = HTTPDate.parse(trimmed) else { return nil }
        let seconds = date.timeIntervalSince(now)
        return seconds > 0 ? .seconds(seconds) : .zero
    }

    /// The wait a response's `Retry-After` asks for, if it has a readable one.
    public static func delay(of response: HTTPResponse, now: Date) -> Duration? {
        response.headers["Retry-After"].flatMap { delay($0, now: now) }
    }
}
