import HTTPSupport

/// A token provider that hands out `token-1`, and `token-2`, `token-3` … after each rejection.
actor RotatingTokenProvider: AccessTokenProvider {
    private var generation = 1
    private(set) var rejected: [String] = []

    func accessToken() async throws(APIClientError) -> String { "token-\(generation)" }

    func accessTokenRejected(_ token: String) async {
        rejected.append(token)
        if token == "token-\(generation)" { generation += 1 }
    }
}
