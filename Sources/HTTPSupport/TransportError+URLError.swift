public import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension TransportError {
    /// Classifies a `URLError` from URLSession (libcurl on Linux).
    ///
    /// The rule for ``requestMayHaveBeenProcessed``: `false` only when the request provably never
    /// reached the server (no connection, no name resolution, no network, a URL that was never sent,
    /// a certificate rejected during the handshake). Everything else, including timeouts, lost
    /// connections, garbled responses and unknown codes, is `true`, because a POST that failed that
    /// way may have created a record. Cancellation is also `true`: the task may be cancelled after the
    /// request went out.
    ///
    /// - Parameters:
    ///   - error: The error URLSession threw.
    ///   - method: The request method, for the detail text.
    ///   - url: The request URL, for the detail text (shown without query or user-info).
    public init(_ error: URLError, method: HTTPMethod, url: URL) {
        let target = "\(method) \(URLDisplay.withoutQuery(url))"
        let (kind, processed) = TransportError.classify(error.code)
        self.init(
            kind: kind,
            requestMayHaveBeenProcessed: processed,
            detail: "\(target): \(TransportError.explain(error.code)) (URLError \(error.code.rawValue))"
        )
    }

    /// The kind and the may-have-been-processed flag for a URLError code.
    private static func classify(_ code: URLError.Code) -> (Kind, Bool) {
        switch code {
        case .cannotConnectToHost, .cannotFindHost, .dnsLookupFailed, .notConnectedToInternet:
            (.cannotConnect, false)
        case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
            .serverCertificateHasUnknownRoot, .clientCertificateRejected, .clientCertificateRequired:
            // Certificates are checked during the TLS handshake, before any byte of the request.
            (.cannotConnect, false)
        case .badURL, .unsupportedURL, .appTransportSecurityRequiresSecureConnection:
            (.refused, false)
        case .cancelled:
            (.cancelled, true)
        case .timedOut:
            (.timedOut, true)
        case .networkConnectionLost:
            (.connectionLost, true)
        case .badServerResponse, .cannotParseResponse, .zeroByteResource, .cannotDecodeRawData,
            .cannotDecodeContentData, .httpTooManyRedirects, .redirectToNonExistentLocation:
            (.invalidResponse, true)
        default:
            // secureConnectionFailed included: libcurl reports some mid-stream TLS failures with it.
            (.connectionLost, true)
        }
    }

    /// A short explanation of a URLError code in words.
    private static func explain(_ code: URLError.Code) -> String {
        switch code {
        case .cannotConnectToHost: "could not connect to the host"
        case .cannotFindHost, .dnsLookupFailed: "the host name could not be resolved"
        case .notConnectedToInternet: "this machine has no network connection"
        case .timedOut: "no response within the timeout"
        case .networkConnectionLost: "the connection was lost before the response was complete"
        case .cancelled: "the request was cancelled"
        case .badServerResponse, .cannotParseResponse: "the server sent an invalid HTTP response"
        case .secureConnectionFailed: "the TLS connection failed"
        case .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
            .serverCertificateHasUnknownRoot:
            "the server's TLS certificate was rejected"
        case .badURL, .unsupportedURL: "the URL cannot be requested"
        case .httpTooManyRedirects, .redirectToNonExistentLocation: "the server redirected the request"
        default: "the request failed"
        }
    }
}
