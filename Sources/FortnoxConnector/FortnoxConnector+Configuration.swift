public import Foundation
public import HTTPSupport

extension FortnoxConnector {
    /// Where Fortnox is, how to authenticate, and how fast and persistently to talk to it.
    public struct Configuration: Sendable {
        /// Fortnox's API origin.
        public static let defaultAPIOrigin = "https://api.fortnox.se"

        /// The API origin, e.g. `https://api.fortnox.se` or a sandbox's `http://127.0.0.1:PORT`; the
        /// connector adds `/3/…`. A trailing `/3` is accepted and ignored.
        public let apiBaseURL: URL
        /// The OAuth client registration.
        public var oauth: FortnoxOAuthConfiguration
        /// The request budget per access token (25 per 5 s).
        public var rateLimit: RateLimit
        /// Retry limits.
        public var retryPolicy: RetryPolicy
        /// Fortnox's time zone: `lastmodified` values are local time there.
        public var timeZone: TimeZone
        /// Mapping values and switches.
        public var options: Options
        /// The rate window shared with every other process using the same Fortnox token (the file
        /// beside the state database); `nil` counts this connector's own requests only.
        public var sharedRateWindow: RateWindowFile?

        /// Creates a configuration.
        ///
        /// - Throws: ``BaseURLError`` when `apiBaseURL` breaks ``BaseURLPolicy`` (https, or http to
        ///   this machine only).
        public init(
            apiBaseURL: URL, oauth: FortnoxOAuthConfiguration, rateLimit: RateLimit = .fortnox,
            retryPolicy: RetryPolicy = .standard,
            timeZone: TimeZone = Configuration.stockholm,
            options: Options = Options()
        ) throws(BaseURLError) {
            try BaseURLPolicy.validate(apiBaseURL)
            self.apiBaseURL = apiBaseURL
            self.oauth = oauth
            self.rateLimit = rateLimit
            self.retryPolicy = retryPolicy
            self.timeZone = timeZone
            self.options = options
        }

        /// Europe/Stockholm (UTC+1 should the system lack the zone database).
        public static var stockholm: TimeZone {
            TimeZone(identifier: "Europe/Stockholm") ?? TimeZone(secondsFromGMT: 3600) ?? .gmt
        }

        /// The origin as text, without a trailing slash or `/3`.
        var origin: String {
            var text = apiBaseURL.absoluteString
            while text.hasSuffix("/") { text.removeLast() }
            if text.hasSuffix("/3") { text.removeLast(2) }
            return text
        }
    }
}
