import HTTPSupport
import SandboxKit
import Synchronization

/// Counts what reaches an emulator: API requests (lists and single records apart) and 429 answers.
final class ConnectorsBenchmarkTraffic: SandboxRequestHandler {
    /// The counts so far.
    struct Counts: Sendable {
        /// `GET` of a list (`/3/<resource>`).
        var lists = 0
        /// `GET` of one record (`/3/<resource>/<key>`).
        var details = 0
        /// Every `/3/` request.
        var requests = 0
        /// Answers with status 429.
        var rateLimited = 0
    }

    private let wrapped: any SandboxRequestHandler
    private let state = Mutex(Counts())

    init(wrapping handler: any SandboxRequestHandler) {
        self.wrapped = handler
    }

    func handle(_ request: ServerRequest) -> HandlerResult {
        let result = wrapped.handle(request)
        let segments = request.pathSegments
        guard segments.first == "3" else { return result }
        var limited = false
        if case .response(let response) = result.outcome { limited = response.status == 429 }
        state.withLock { counts in
            counts.requests += 1
            if limited { counts.rateLimited += 1 }
            if request.method == .get, !limited {
                if segments.count == 2 { counts.lists += 1 }
                if segments.count == 3 { counts.details += 1 }
            }
        }
        return result
    }

    /// The counts so far.
    var counts: Counts { state.withLock { $0 } }
}
