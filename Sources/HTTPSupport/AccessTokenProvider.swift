/// Supplies the bearer token for API calls and learns when the API rejected one.
///
/// Implementations: ``FortnoxTokenProvider`` (authorization code + rotating refresh tokens),
/// ``SeveraTokenProvider`` (client credentials) and ``StaticAccessTokenProvider`` (a fixed token, for
/// sandboxes and tests).
public protocol AccessTokenProvider: Sendable {
    /// A currently valid access token, refreshed first when it is about to expire.
    ///
    /// - Throws: ``APIClientError`` (``APIClientError/Kind/unauthorized`` when an operator must act).
    func accessToken() async throws(APIClientError) -> String

    /// Tells the provider that the API answered 401 to `token`, so the next ``accessToken()`` must not
    /// return it again. A token that was already replaced is ignored, so many callers rejecting the
    /// same token cause one refresh.
    func accessTokenRejected(_ token: String) async
}
