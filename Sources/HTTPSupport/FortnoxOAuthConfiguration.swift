public import Foundation

/// The Fortnox integration's OAuth2 client registration (fortnox-api.md §2).
public struct FortnoxOAuthConfiguration: Sendable {
    /// Fortnox's authorization server.
    public static let defaultAuthorizationBase = "https://apps.fortnox.se"

    /// The integration's client id.
    public var clientID: String
    /// The integration's client secret.
    public var clientSecret: String
    /// The redirect URI registered with Fortnox; the code exchange must repeat it.
    public var redirectURI: String
    /// Where `/oauth-v1/auth` and `/oauth-v1/token` live, e.g. ``defaultAuthorizationBase`` or a sandbox.
    public var authorizationBaseURL: URL

    /// Creates a configuration.
    ///
    /// - Throws: ``BaseURLError`` when `authorizationBaseURL` breaks ``BaseURLPolicy``.
    public init(clientID: String, clientSecret: String, redirectURI: String, authorizationBaseURL: URL)
        throws(BaseURLError)
    {
        try BaseURLPolicy.validate(authorizationBaseURL)
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.authorizationBaseURL = authorizationBaseURL
    }

    /// The token endpoint, `{base}/oauth-v1/token`.
    public var tokenURL: URL { authorizationBaseURL.appending(path: "oauth-v1/token") }

    /// Where to send the administrator to approve the integration (`GET /oauth-v1/auth`).
    ///
    /// - Parameters:
    ///   - scopes: The scopes to ask for, e.g. `["customer", "invoice"]`.
    ///   - state: A random value the redirect must bring back unchanged.
    ///   - serviceAccount: Whether to ask for a service account (`account_type=service`).
    /// - Returns: The URL, with `access_type=offline` so a refresh token is issued.
    public func authorizationURL(scopes: [String], state: String, serviceAccount: Bool = false) -> URL {
        var items = [
            URLQueryItem(name: "client_id", value: clientID),
            URLQueryItem(name: "redirect_uri", value: redirectURI),
            URLQueryItem(name: "scope", value: scopes.joined(separator: " ")),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "access_type", value: "offline"),
            URLQueryItem(name: "response_type", value: "code"),
        ]
        if serviceAccount { items.append(URLQueryItem(name: "account_type", value: "service")) }
        return authorizationBaseURL.appending(path: "oauth-v1/auth").appending(queryItems: items)
    }

    /// `Basic base64(client_id:client_secret)` for the token endpoint.
    var basicCredential: String {
        "Basic " + Data("\(clientID):\(clientSecret)".utf8).base64EncodedString()
    }
}
