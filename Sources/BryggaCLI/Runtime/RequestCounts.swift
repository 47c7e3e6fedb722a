public import HTTPSupport
import Synchronization

/// The HTTP requests a runtime sent to each API, counted where the runtime hands the connectors their
/// transports: every exchange, API calls, token requests and repeated attempts alike (the metrics
/// line, `metricsFile`).
public final class RequestCounts: Sendable {
    /// The API a transport carries requests to.
    public enum API: Sendable {
        case severa
        case fortnox
    }

    private let counts = Mutex<(severa: Int, fortnox: Int)>((0, 0))

    /// Creates counts of zero.
    public init() {}

    /// Requests sent to Severa so far.
    public var severa: Int { counts.withLock { $0.severa } }
    /// Requests sent to Fortnox so far (API and OAuth).
    public var fortnox: Int { counts.withLock { $0.fortnox } }

    /// `transport`, counting each request it is asked to send as one to `api`.
    public func counting(_ transport: any HTTPTransport, as api: API) -> any HTTPTransport {
        CountingTransport(base: transport) { [self] in
            counts.withLock { counts in
                switch api {
                case .severa: counts.severa += 1
                case .fortnox: counts.fortnox += 1
                }
            }
        }
    }
}

/// A transport that counts the requests it passes on.
private struct CountingTransport: HTTPTransport {
    let base: any HTTPTransport
    let count: @Sendable () -> Void

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        count()
        return try await base.send(request)
    }
}
