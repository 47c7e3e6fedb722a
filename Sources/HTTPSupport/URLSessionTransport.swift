#if canImport(FoundationNetworking)
    import Foundation
    package import FoundationNetworking
#else
    package import Foundation
#endif

/// The network transport: URLSession (libcurl on Linux) with the settings LINUX-NOTES B2 calls for.
///
/// - One `URLSession` per transport instance, ephemeral, `urlCache = nil` (no API data on disk),
///   no cookies; create one transport per process or per API and call ``invalidate()`` at the end
///   (corelibs #3497: sessions tie up threads).
/// - `httpMaximumConnectionsPerHost` is kept below 6 (corelibs #5445 traps when more requests to
///   one host than that are queued).
/// - Redirects are refused by the session's delegate: a 3xx is returned as the response.
/// - Every request with a body carries a `Content-Type` (libcurl would otherwise add
///   `application/x-www-form-urlencoded`).
/// - Every URL is checked against ``BaseURLPolicy`` before anything is sent.
/// - **Requests that are not idempotent never travel on a reused connection.** When a reused
///   keep-alive connection dies, libcurl silently re-sends a bodyless request on a new connection
///   (the server acts twice) and stalls a request with a body until the timeout (see
///   `URLSessionDroppedConnectionTests`). So non-idempotent requests go through a second session
///   and carry `Connection: close`: each opens its own connection, and a lost response surfaces
///   at once as an error that says the request may have been processed.
public final class URLSessionTransport: HTTPTransport {
    /// Timeouts and connection limits.
    public struct Configuration: Sendable, Hashable {
        /// The longest wait for the next bytes of a response (`timeoutIntervalForRequest`).
        public var requestTimeout: Duration
        /// The longest a whole exchange may take (`timeoutIntervalForResource`).
        public var resourceTimeout: Duration
        /// Concurrent connections per host, clamped to 1…5.
        public var maximumConnectionsPerHost: Int

        /// Creates a configuration.
        public init(
            requestTimeout: Duration = .seconds(30),
            resourceTimeout: Duration = .seconds(120),
            maximumConnectionsPerHost: Int = 4
        ) {
            self.requestTimeout = requestTimeout
            self.resourceTimeout = resourceTimeout
            self.maximumConnectionsPerHost = min(max(maximumConnectionsPerHost, 1), 5)
        }
    }

    /// The content type sent with a body whose request names none.
    public static let defaultBodyContentType = "application/octet-stream"

    /// The settings this transport was created with.
    public let configuration: Configuration
    private let session: URLSession
    private let singleUseConnectionSession: URLSession

    /// Creates a transport with its own sessions.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        self.session = URLSessionTransport.makeSession(configuration)
        self.singleUseConnectionSession = URLSessionTransport.makeSession(configuration)
    }

    private static func makeSession(_ configuration: Configuration) -> URLSession {
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.urlCache = nil
        sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalCacheData
        sessionConfiguration.httpCookieStorage = nil
        sessionConfiguration.httpShouldSetCookies = false
        sessionConfiguration.timeoutIntervalForRequest = configuration.requestTimeout.timeInterval
        sessionConfiguration.timeoutIntervalForResource = configuration.resourceTimeout.timeInterval
        sessionConfiguration.httpMaximumConnectionsPerHost = configuration.maximumConnectionsPerHost
        return URLSession(
            configuration: sessionConfiguration,
            delegate: RedirectRefusingDelegate(),
            delegateQueue: nil
        )
    }

    /// The session's settings, for checks in tests.
    package var sessionConfiguration: URLSessionConfiguration { session.configuration }

    /// Whether the session has a delegate that refuses redirects.
    package var refusesRedirects: Bool { session.delegate is RedirectRefusingDelegate }

    public func send(_ request: HTTPRequest) async throws(TransportError) -> HTTPResponse {
        let urlRequest = try makeURLRequest(request)
        let data: Data
        let response: URLResponse
        do {
            let chosen = request.isIdempotent ? session : singleUseConnectionSession
            (data, response) = try await chosen.data(for: urlRequest)
        } catch let error as URLError {
            throw TransportError(error, method: request.method, url: request.url)
        } catch is CancellationError {
            throw TransportError(
                kind: .cancelled,
                requestMayHaveBeenProcessed: true,
                detail: "\(request.method) \(URLDisplay.withoutQuery(request.url)): the request was cancelled"
            )
        } catch {
            throw TransportError(
                kind: .connectionLost,
                requestMayHaveBeenProcessed: true,
                detail: "\(request.method) \(URLDisplay.withoutQuery(request.url)): \(type(of: error)) from URLSession"
            )
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(
                kind: .invalidResponse,
                requestMayHaveBeenProcessed: true,
                detail: "\(request.method) \(URLDisplay.withoutQuery(request.url)): the response is not HTTP"
            )
        }
        return HTTPResponse(status: http.statusCode, headers: URLSessionTransport.headers(of: http), body: data)
    }

    /// Lets running requests finish, then releases the session; the transport cannot be used after.
    public func invalidate() {
        session.finishTasksAndInvalidate()
        singleUseConnectionSession.finishTasksAndInvalidate()
    }

    /// The `URLRequest` for `request`, after the URL policy check.
    package func makeURLRequest(_ request: HTTPRequest) throws(TransportError) -> URLRequest {
        do {
            try BaseURLPolicy.validate(request.url)
        } catch {
            throw TransportError(kind: .refused, requestMayHaveBeenProcessed: false, detail: error.description)
        }
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.cachePolicy = .reloadIgnoringLocalCacheData
        urlRequest.timeoutInterval = configuration.requestTimeout.timeInterval
        for field in request.headers {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        if !request.isIdempotent {
            urlRequest.setValue("close", forHTTPHeaderField: "Connection")
        }
        if !request.body.isEmpty {
            if request.headers["Content-Type"] == nil {
                urlRequest.setValue(URLSessionTransport.defaultBodyContentType, forHTTPHeaderField: "Content-Type")
            }
            urlRequest.httpBody = request.body
        }
        return urlRequest
    }

    /// The response's header fields, sorted by name for a stable order.
    private static func headers(of response: HTTPURLResponse) -> HTTPHeaders {
        var fields: [(name: String, value: String)] = []
        for (name, value) in response.allHeaderFields {
            guard let name = name as? String else { continue }
            fields.append((name: name, value: value as? String ?? "\(value)"))
        }
        fields.sort { $0.name.lowercased() < $1.name.lowercased() }
        return HTTPHeaders(fields)
    }
}
