package import Foundation

/// Spells URLs for messages without leaking credentials: no user-info ever, and query values only
/// where their names do not look secret.
package enum URLDisplay {
    /// Query parameter names (lowercased substrings) whose values are never shown.
    private static let secretNameFragments = [
        "token", "secret", "password", "passwd", "key", "signature", "auth", "code", "credential", "session", "state",
    ]

    /// `scheme://host[:port]/path`: the URL without user-info, query or fragment.
    package static func withoutQuery(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            return "\(url.scheme ?? "?")://\(url.host ?? "?")\(url.path)"
        }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "\(url.scheme ?? "?")://\(url.host ?? "?")\(url.path)"
    }

    /// The path and query of `url`, with the values of secret-looking query parameters replaced.
    package static func redactedTarget(_ url: URL) -> String {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.path }
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        guard let items = components.percentEncodedQueryItems, !items.isEmpty else { return path }
        let query = items.map { item -> String in
            guard let value = item.value else { return item.name }
            return "\(item.name)=\(isSecretName(item.name) ? SecretRedactor.placeholder : value)"
        }
        return path + "?" + query.joined(separator: "&")
    }

    /// Whether a parameter called `name` probably carries a secret.
    package static func isSecretName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return secretNameFragments.contains { lowered.contains($0) }
    }
}
