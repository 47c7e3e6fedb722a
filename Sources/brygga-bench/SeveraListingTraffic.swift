import SandboxKit
import Synchronization

/// Counts the Severa API requests (token routes left out) by route, keys left out.
final class SeveraListingTraffic: SandboxRequestHandler {
    private let wrapped: any SandboxRequestHandler
    private let routes = Mutex<[String: Int]>([:])

    init(wrapping handler: any SandboxRequestHandler) {
        self.wrapped = handler
    }

    func handle(_ request: ServerRequest) -> HandlerResult {
        let segments = request.pathSegments
        if let resource = segments.dropFirst(2).first, resource != "token", resource != "refreshtoken" {
            let route =
                segments.count > 3 && resource != "localization"
                ? "\(resource)/{guid}"
                : segments
                    .dropFirst(2).joined(separator: "/")
            routes.withLock { $0[route, default: 0] += 1 }
        }
        return wrapped.handle(request)
    }

    /// The counts so far, and starts counting afresh.
    func take() -> [String: Int] {
        routes.withLock { routes in
            defer { routes = [:] }
            return routes
        }
    }
}
