import Foundation
import HTTPSupport
import SandboxKit

/// An API client over a scripted transport with a manual clock and seeded jitter.
struct ClientFixture {
    let clock = ManualWallClock()
    let transport: ScriptedTransport
    let tokens = RotatingTokenProvider()
    let log = CollectingLog()
    let redactor = SecretRedactor()
    let client: APIClient
    let policy: RetryPolicy

    static let url = URL(string: "https://api.fortnox.se/3/invoices?page=2")

    init(
        _ script: [ScriptedTransport.Outcome],
        policy: RetryPolicy = .standard,
        limit: RateLimit = .fortnox,
        seed: UInt64 = 7
    ) {
        self.policy = policy
        self.transport = ScriptedTransport(script, clock: clock)
        self.client = APIClient(
            apiName: "Fortnox",
            transport: transport,
            tokenProvider: tokens,
            rateLimiter: RateLimiter(limit: limit, clock: clock),
            retryPolicy: policy,
            authenticationHeaders: ["Client_Id": "client-abc"],
            clock: clock,
            redactor: redactor,
            log: log,
            random: SeededGenerator(seed: seed)
        )
    }

    func request(_ method: HTTPMethod) throws -> HTTPRequest {
        guard let url = ClientFixture.url else { throw URLError(.badURL) }
        return HTTPRequest(
            method: method, url: url, headers: ["Content-Type": "application/json"], body: Data("{}".utf8))
    }

    /// Seconds between consecutive requests.
    var gaps: [TimeInterval] {
        let times = transport.sendTimes
        return zip(times.dropFirst(), times).map { $0.timeIntervalSince($1) }
    }
}

/// `date` as an IMF-fixdate, e.g. `Thu, 01 Jan 2026 00:00:12 GMT`.
func imfFixdate(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return formatter.string(from: date)
}
