/// Admission of one request by a ``RateLimiter``; give it back with ``RateLimiter/release(_:)``
/// once the response (or the error) has arrived.
public struct RateLimitPermit: Sendable, Hashable {
    /// Identifies the permit within its limiter.
    let id: UInt64
}
