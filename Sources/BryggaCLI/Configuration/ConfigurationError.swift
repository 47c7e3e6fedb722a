public import SyncCore

/// A configuration, secrets or mapping file that cannot be used (exit 78).
///
/// The description names the file and, where the problem is a value, the key path and what was
/// expected versus found, e.g. `/etc/brygga/brygga.json: fortnox.rateLimit.requests: expected a
/// positive integer (at most 1000000), found "25"`. It never contains a secret.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the problem is in.
    public let file: String
    /// The key path, e.g. `fortnox.clientID`; empty when the problem is not about one key.
    public let keyPath: String
    /// The whole message.
    public let description: String

    /// An error about a value in a JSON document (or about the document's syntax).
    public init(_ error: JSONDocumentError) {
        self.file = error.file
        self.keyPath = error.keyPath
        self.description = error.description
    }

    /// An error about a file as a whole, e.g. one that cannot be read.
    public init(file: String, problem: String) {
        self.file = file
        self.keyPath = ""
        self.description = "\(file): \(problem)"
    }

    /// An error about the key `keyPath` of `file`.
    public init(file: String, keyPath: String, problem: String) {
        self.init(JSONDocumentError(file: file, keyPath: keyPath, problem: problem))
    }
}
