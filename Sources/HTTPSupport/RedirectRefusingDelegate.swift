import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A session delegate that refuses every redirect, so a 3xx comes back as the response.
///
/// It must be the **session's** delegate: on Linux a per-task delegate passed to `data(for:delegate:)`
/// is ignored (corelibs issue #5187) and the redirect is followed with the `Authorization` header
/// forwarded to the new host (LINUX-NOTES B2). Not following redirects also avoids the libcurl
/// easy-handle reuse crash of corelibs #5445.
final class RedirectRefusingDelegate: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
