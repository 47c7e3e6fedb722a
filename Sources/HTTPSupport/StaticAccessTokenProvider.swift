/// An access token that never changes (a sandbox's fixed token, tests).
public struct StaticAccessTokenProvider: AccessTokenProvider {
    private let token: String

    /// Creates a provider that always answers `token`.
    public init(token: String) {
        self.token = token
    }

    public func accessToken() async throws(APIClientError) -> String { token }

    public func accessTokenRejected(_ token: String) async {}
}
