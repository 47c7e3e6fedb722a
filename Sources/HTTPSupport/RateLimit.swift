/// An API's request budget and how close to it a client may go.
///
/// The APIs count requests in a sliding window per credential. The limiter admits at most
/// ``maxRequests`` requests in any interval of ``window`` + ``safetyMargin``: the margin absorbs
/// network jitter (a request that starts later than another can still arrive earlier), so as long as
/// the spread of latencies stays below the margin the server never sees more than ``maxRequests`` in
/// its window. For a stricter margin, lower ``maxRequests`` as well (e.g. 24 per 5 s).
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    /// Requests the API admits per window.
    public var maxRequests: Int
    /// The API's sliding window.
    public var window: Duration
    /// Extra time added to the window on the client side.
    public var safetyMargin: Duration
    /// Requests allowed in flight at once (kept below URLSession's 6 connections per host).
    public var maxInFlight: Int

    /// Creates a limit.
    ///
    /// - Parameters:
    ///   - maxRequests: Requests per window, at least 1.
    ///   - window: The window length, positive.
    ///   - safetyMargin: Time added to the window, not negative.
    ///   - maxInFlight: Concurrent requests, at least 1.
    public init(maxRequests: Int, window: Duration, safetyMargin: Duration = .zero, maxInFlight: Int = 4) {
        precondition(maxRequests >= 1, "a rate limit admits at least one request per window")
        precondition(window > .zero, "a rate limit window is positive")
        precondition(safetyMargin >= .zero, "a safety margin is not negative")
        precondition(maxInFlight >= 1, "at least one request must be allowed in flight")
        self.maxRequests = maxRequests
        self.window = window
        self.safetyMargin = safetyMargin
        self.maxInFlight = maxInFlight
    }

    /// Fortnox: 25 requests per 5 s per access token, sliding (fortnox-api.md §3); 100 ms margin,
    /// which still uses 98 % of the budget.
    public static let fortnox = RateLimit(
        maxRequests: 25,
        window: .seconds(5),
        safetyMargin: .milliseconds(100),
        maxInFlight: 4
    )

    /// Severa: 10 requests per 1 s (severa-api.md §3, third-party evidence); 50 ms margin (95 %).
    public static let severa = RateLimit(
        maxRequests: 10,
        window: .seconds(1),
        safetyMargin: .milliseconds(50),
        maxInFlight: 4
    )

    /// The interval the limiter counts in: window plus margin.
    public var countedInterval: Duration { window + safetyMargin }

    public var description: String {
        "\(maxRequests) per \(window) (+\(safetyMargin) margin), \(maxInFlight) in flight"
    }
}
