import Foundation
import HTTPSupport
import Synchronization

/// A transport that counts the requests a connector sends, by the entity type their path serves, then
/// passes them on.
final class EngineBenchmarkTraffic: HTTPTransport {
    /// Which API a counter watches: its paths name the entity types differently.
    enum API: String, Sendable {
        case fortnox = "Fortnox"
        case severa = "Severa"
    }

    /// Requests per entity type (`customer`, `product`, `unit`, `project`, `auth`, `other`) and per
    /// method and path with keys left out (`GET /3/customers/{key}`).
    struct Counts: Sendable {
        var byEntity: [String: Int] = [:]
        var byRoute: [String: Int] = [:]
        var total: Int { byEntity.values.reduce(0, +) }
    }

    let api: API
    private let wrapped: any HTTPTransport
    private let counts = Mutex(Counts())

    init(_ api: API, wrapping transport: any HTTPTransport) {
        self.api = api
        self.wrapped = transport
    }

    func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let (entity, route) = classify(request)
        counts.withLock { counts in
            counts.byEntity[entity, default: 0] += 1
            counts.byRoute["\(request.method) \(route)", default: 0] += 1
        }
        return try await wrapped.send(request)
    }

    /// The counts so far, and starts counting afresh.
    func take() -> Counts {
        counts.withLock { counts in
            defer { counts = Counts() }
            return counts
        }
    }

    /// The entity type and the key-free route of `request`.
    private func classify(_ request: HTTPRequest) -> (entity: String, route: String) {
        let segments = request.url.path.split(separator: "/").map(String.init)
        switch api {
        case .fortnox:
            guard segments.first == "3", segments.count >= 2 else {
                return ("auth", "/" + segments.joined(separator: "/"))
            }
            let route = "/3/\(segments[1])" + (segments.count > 2 ? "/{key}" : "")
            switch segments[1] {
            case "customers": return ("customer", route)
            case "articles", "prices": return ("product", route)
            case "units": return ("unit", route)
            case "projects": return ("project", route)
            default: return ("other", route)
            }
        case .severa:
            // /rest-api/v1/<resource>[/<guid>[/<sub>]]
            let resource = segments.count > 2 ? segments[2] : ""
            var route = "/v1/\(resource)"
            if segments.count > 3 { route += resource == "localization" ? "/\(segments[3])" : "/{guid}" }
            if segments.count > 4 { route += "/\(segments[4])" }
            switch resource {
            case "token", "refreshtoken": return ("auth", route)
            case "customers", "addresses", "localization": return ("customer", route)
            case "products", "worktypes", "travelexpensetypes": return ("product", route)
            case "projects": return ("project", route)
            default: return ("other", route)
            }
        }
    }
}
