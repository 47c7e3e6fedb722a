import HTTPSupport

/// The parsed request line and header section of one HTTP/1.x request, with the framing facts the
/// server needs already extracted.
struct RequestHead {
    /// The method token as sent, e.g. `POST`.
    var method: String
    /// The request target in origin form (`/path?query`); absolute-form targets are reduced to it.
    var target: String
    /// Whether the request line said `HTTP/1.1` (else `HTTP/1.0`).
    var isHTTP11: Bool
    /// Every header field in the order received.
    var headers: HTTPHeaders
    /// The declared body length, when `Content-Length` was sent.
    var contentLength: Int?
    /// Whether the body is sent with `Transfer-Encoding: chunked`.
    var isChunked: Bool
    /// Whether the client sent `Connection: close`.
    var closeRequested: Bool
    /// Whether the client sent `Connection: keep-alive` (meaningful for HTTP/1.0).
    var keepAliveRequested: Bool
    /// Whether the client waits for `100 Continue` before sending the body.
    var expectsContinue: Bool

    /// Whether the connection may stay open after the response (RFC 9112 §9.3).
    var allowsKeepAlive: Bool {
        isHTTP11 ? !closeRequested : keepAliveRequested && !closeRequested
    }

    /// Whether the response must not carry a body (`HEAD`).
    var isHead: Bool { method == "HEAD" }

    /// Whether the request has a body to read.
    var hasBody: Bool { isChunked || (contentLength ?? 0) > 0 }
}

/// Why a request cannot be served: the status to answer with and a message for the body.
///
/// The server answers it with `Connection: close` and closes the connection, because after a framing
/// error it cannot know where the next request starts.
struct RequestRejection: Error, Equatable {
    /// The status code, e.g. 400, 413, 431.
    var status: Int
    /// A short human-readable explanation, sent as `{"message": …}`.
    var message: String
}
