/// The Severa REST API client credentials (Settings → Integrations → REST API; severa-api.md §2).
public struct SeveraCredentials: Sendable {
    /// The client id; also sent as the `Client_Id` header on every API call.
    public var clientID: String
    /// The client secret.
    public var clientSecret: String
    /// The scopes to ask for, space-separated, e.g. `customers:read customers:write`.
    public var scope: String

    /// Creates credentials.
    public init(clientID: String, clientSecret: String, scope: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.scope = scope
    }
}
