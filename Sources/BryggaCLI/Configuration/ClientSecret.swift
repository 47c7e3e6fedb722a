/// A client secret that keeps its value out of every description, log line and `dump`.
public struct ClientSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The secret itself; pass it only to the token provider that sends it.
    public let exposedValue: String

    /// Wraps a secret.
    public init(_ value: String) {
        self.exposedValue = value
    }

    public var description: String { "[redacted]" }
    public var debugDescription: String { "ClientSecret([redacted])" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}

/// Where a client secret was found.
public enum SecretSource: Sendable, Hashable, CustomStringConvertible {
    /// An environment variable.
    case environment(variable: String)
    /// The secrets file.
    case secretsFile(path: String)

    public var description: String {
        switch self {
        case .environment(let variable): "environment variable \(variable)"
        case .secretsFile(let path): "secrets file \(path)"
        }
    }
}
