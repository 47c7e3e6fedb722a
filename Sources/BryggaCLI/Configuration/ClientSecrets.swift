import SyncCore

/// The two client secrets, from the environment (which wins) or from the owner-only secrets file.
///
/// Loading succeeds when a secret is missing, so commands that need only one side still work; the
/// accessors ``severa()`` and ``fortnox()`` throw when theirs is missing. No value ever appears in a
/// description or error.
public struct ClientSecrets: Sendable, CustomStringConvertible {
    /// The environment variable holding the Severa client secret.
    public static let severaVariable = "BRYGGA_SEVERA_CLIENT_SECRET"
    /// The environment variable holding the Fortnox client secret.
    public static let fortnoxVariable = "BRYGGA_FORTNOX_CLIENT_SECRET"
    /// The secrets file key of the Severa client secret.
    public static let severaKey = "severaClientSecret"
    /// The secrets file key of the Fortnox client secret.
    public static let fortnoxKey = "fortnoxClientSecret"

    /// What was found for one secret.
    public enum Lookup: Sendable, Hashable, CustomStringConvertible {
        /// Found in `source`.
        case found(ClientSecret, source: SecretSource)
        /// The secrets file still holds the placeholder of `brygga init`.
        case placeholder(file: String)
        /// Neither the environment nor the secrets file has it.
        case missing

        public var description: String {
            switch self {
            case .found(_, let source): "set (\(source))"
            case .placeholder(let file): "not filled in (placeholder in \(file))"
            case .missing: "missing"
            }
        }
    }

    /// The Severa client secret.
    public let severaLookup: Lookup
    /// The Fortnox client secret.
    public let fortnoxLookup: Lookup
    /// The secrets file consulted, for messages.
    public let secretsFile: String

    /// Creates secrets from lookups (``load(secretsFile:environment:)`` makes them from the real sources).
    public init(severa: Lookup, fortnox: Lookup, secretsFile: String) {
        self.severaLookup = severa
        self.fortnoxLookup = fortnox
        self.secretsFile = secretsFile
    }

    /// The Severa client secret.
    ///
    /// - Throws: ``ConfigurationError`` saying where to put it.
    public func severa() throws(ConfigurationError) -> ClientSecret {
        try secret(severaLookup, name: "Severa", variable: Self.severaVariable, key: Self.severaKey)
    }

    /// The Fortnox client secret.
    ///
    /// - Throws: ``ConfigurationError`` saying where to put it.
    public func fortnox() throws(ConfigurationError) -> ClientSecret {
        try secret(fortnoxLookup, name: "Fortnox", variable: Self.fortnoxVariable, key: Self.fortnoxKey)
    }

    private func secret(_ lookup: Lookup, name: String, variable: String, key: String) throws(ConfigurationError)
        -> ClientSecret
    {
        switch lookup {
        case .found(let secret, _):
            return secret
        case .placeholder(let file):
            throw ConfigurationError(
                file: file, keyPath: key,
                problem: "fill in the \(name) client secret (it is still the placeholder "
                    + "\"\(ConfigurationScreening.placeholder)\" from 'brygga init'), or set \(variable)"
            )
        case .missing:
            throw ConfigurationError(
                file: secretsFile,
                problem: "no \(name) client secret: set \(variable), or put \"\(key)\" in this file (mode 0600)"
            )
        }
    }

    public var description: String {
        "Severa client secret: \(severaLookup); Fortnox client secret: \(fortnoxLookup)"
    }
}
