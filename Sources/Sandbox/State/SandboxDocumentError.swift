/// A sandbox document (state file, ready file) that cannot be read or used, naming the file, the place
/// inside it and the problem. Never contains a value from the document (they may be secrets).
public struct SandboxDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, or a short name of the source when it did not come from a file.
    public let file: String
    /// The key path inside the document, e.g. `fortnox.tables.customers.records[3]`; empty for the
    /// document as a whole.
    public let path: String
    /// What is wrong, e.g. `expected "brygga-sandbox-state/1"`.
    public let reason: String

    /// Creates an error.
    public init(file: String, path: String, reason: String) {
        self.file = file
        self.path = path
        self.reason = reason
    }

    /// `state.json: fortnox.tables.customers: expected an object with records`.
    public var description: String {
        path.isEmpty ? "\(file): \(reason)" : "\(file): \(path): \(reason)"
    }
}
