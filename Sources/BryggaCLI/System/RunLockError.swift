/// Why the run lock could not be taken.
public struct RunLockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The lock file.
    public let path: String
    /// The process id written by the run holding the lock, when the lock is held and the id readable.
    public let holderProcessID: Int32?
    /// Whether another run holds the lock (exit 75); otherwise the file could not be opened or locked.
    public let isHeldByAnotherRun: Bool
    /// The `errno` when the file could not be opened or locked.
    public let code: Int32?

    /// An error for a lock held by another run.
    public static func held(path: String, holderProcessID: Int32?) -> RunLockError {
        RunLockError(path: path, holderProcessID: holderProcessID, isHeldByAnotherRun: true, code: nil)
    }

    /// An error for a lock file that could not be opened or locked.
    public static func failed(path: String, code: Int32) -> RunLockError {
        RunLockError(path: path, holderProcessID: nil, isHeldByAnotherRun: false, code: code)
    }

    public var description: String {
        if isHeldByAnotherRun {
            let holder = holderProcessID.map { "pid \($0)" } ?? "pid unknown"
            return "another brygga run holds \(path) (\(holder)); try again when it has finished"
        }
        return "cannot lock \(path): \(POSIX.describe(errno: code ?? 0))"
    }
}
