/// A problem in a JSON document an operator wrote (configuration, mapping or secrets file), located
/// by file and key path or by line and column.
///
/// The description reads `<file>: <key path>: <problem>`, e.g.
/// `/etc/brygga/brygga.json: fortnox.rateLimit.requests: expected a positive integer, found "25"`,
/// or `<file>: line 3, column 14: <problem>` when the text is not JSON at all. Problems never quote a
/// value from a key that looks like a secret.
public struct JSONDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as given to the reader (usually an absolute path).
    public let file: String
    /// The key path, e.g. `fortnox.rateLimit.requests` or `units.h.aliases[2]`; empty for the whole
    /// document.
    public let keyPath: String
    /// The 1-based line, when the problem is in the JSON text itself.
    public let line: Int?
    /// The 1-based column (in characters), when the problem is in the JSON text itself.
    public let column: Int?
    /// What is wrong and, where it helps, what was expected and what was found.
    public let problem: String

    /// Creates an error located by key path.
    public init(file: String, keyPath: String, problem: String) {
        self.file = file
        self.keyPath = keyPath
        self.line = nil
        self.column = nil
        self.problem = problem
    }

    /// Creates an error located by line and column.
    public init(file: String, line: Int, column: Int, problem: String) {
        self.file = file
        self.keyPath = ""
        self.line = line
        self.column = column
        self.problem = problem
    }

    public var description: String {
        var text = file
        if let line, let column { text += ": line \(line), column \(column)" }
        if !keyPath.isEmpty { text += ": \(keyPath)" }
        return text + ": " + problem
    }
}
