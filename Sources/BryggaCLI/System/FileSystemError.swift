#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A local file operation that failed, naming the file, the step and the system's reason.
public struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or directory.
    public let path: String
    /// The step that failed, e.g. `create`, `write`, `sync`, `rename`.
    public let operation: String
    /// The `errno` of the failure.
    public let code: Int32
    /// Words that say more than the `errno` text, or `nil` to use ``reason``'s defaults.
    let detail: String?

    /// Creates an error.
    public init(path: String, operation: String, code: Int32) {
        self.init(path: path, operation: operation, code: code, detail: nil)
    }

    /// Creates an error whose reason is `detail` instead of the `errno` text.
    init(path: String, operation: String, code: Int32, detail: String?) {
        self.path = path
        self.operation = operation
        self.code = code
        self.detail = detail
    }

    /// Whether the file could not be written because it already exists.
    public var alreadyExists: Bool { code == EEXIST }

    /// Whether the failure was in creating the file (as opposed to reading or syncing it).
    var isCreation: Bool { ["create", "rename", "link"].contains(operation) }

    /// Why, in words an operator can act on: the `errno` text, said plainly for the cases a wrong
    /// path or permission gives (e.g. "it is a directory, not a file").
    public var reason: String {
        if let detail { return detail }
        switch (code, operation) {
        case (EISDIR, _): return "it is a directory, not a file"
        case (EACCES, "read"):
            return "permission denied: user \(POSIX.userDescription) may not read it "
                + "(check the file's mode and owner, and that every directory above it may be entered)"
        default: return POSIX.describe(errno: code)
        }
    }

    public var description: String {
        alreadyExists ? "\(path) already exists" : "cannot \(operation) \(path): \(reason)"
    }
}
