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

    /// Creates an error.
    public init(path: String, operation: String, code: Int32) {
        self.path = path
        self.operation = operation
        self.code = code
    }

    /// Whether the file could not be written because it already exists.
    public var alreadyExists: Bool { code == EEXIST }

    /// Whether the failure was in creating the file (as opposed to reading or syncing it).
    var isCreation: Bool { ["create", "rename", "link"].contains(operation) }

    public var description: String {
        alreadyExists ? "\(path) already exists" : "cannot \(operation) \(path): \(POSIX.describe(errno: code))"
    }
}
