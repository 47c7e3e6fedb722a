/// The process exit status of a `brygga` command, following sysexits(3) so cron and scripts can tell
/// outcomes apart (O3).
///
/// Which error gives which code is decided in one place, ``ExitCode/init(for:)``.
public struct ExitCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The numeric status.
    public let rawValue: Int32

    /// Creates a status.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// 0: everything was done.
    public static let success = ExitCode(rawValue: 0)
    /// 1: the run finished but some items failed; they are in the transfer log and retried next run.
    public static let partialFailure = ExitCode(rawValue: 1)
    /// 64 (EX_USAGE): the command line is wrong.
    public static let usage = ExitCode(rawValue: 64)
    /// 65 (EX_DATAERR): the record the command line names is not there to act on (`brygga retry
    /// --record` naming no queued item); nothing was done.
    public static let noSuchRecord = ExitCode(rawValue: 65)
    /// 69 (EX_UNAVAILABLE): an API could not be reached or kept failing after the retries.
    public static let unavailable = ExitCode(rawValue: 69)
    /// 70 (EX_SOFTWARE): an internal error, a bug in Brygga.
    public static let internalError = ExitCode(rawValue: 70)
    /// 73 (EX_CANTCREAT): a file could not be created (it exists, or the directory is not writable).
    public static let cannotCreate = ExitCode(rawValue: 73)
    /// 74 (EX_IOERR): reading or writing a local file (the state database) failed.
    public static let ioError = ExitCode(rawValue: 74)
    /// 75 (EX_TEMPFAIL): another run holds the lock; try again later.
    public static let lockHeld = ExitCode(rawValue: 75)
    /// 77 (EX_NOPERM): an API refused the credentials; re-authorise or fix the client id or secret.
    public static let unauthorized = ExitCode(rawValue: 77)
    /// 78 (EX_CONFIG): the configuration, secrets or mapping files are wrong.
    public static let configuration = ExitCode(rawValue: 78)
    /// 130: stopped by SIGINT (Ctrl-C) after finishing the current item.
    public static let interruptedByInterrupt = ExitCode(rawValue: 130)
    /// 143: stopped by SIGTERM after finishing the current item.
    public static let interruptedByTermination = ExitCode(rawValue: 143)

    /// The status for a process stopped by `signal`: 128 + the signal number.
    public static func interrupted(by signal: Int32) -> ExitCode {
        ExitCode(rawValue: 128 + signal)
    }

    /// Every status Brygga exits with and its meaning, for `brygga help` and the documentation.
    public static let documented: [(code: ExitCode, meaning: String)] = [
        (.success, "done"),
        (.partialFailure, "some items failed (in the transfer log; retried next run)"),
        (.usage, "the command line is wrong"),
        (.noSuchRecord, "retry --record names no item waiting for a retry; nothing was run"),
        (.unavailable, "an API could not be reached or kept failing after retries"),
        (.internalError, "internal error (a bug; please report it)"),
        (.cannotCreate, "a file could not be created (exists, or not writable)"),
        (.ioError, "the state database or another local file failed"),
        (.lockHeld, "another brygga run holds the lock; try again later"),
        (.unauthorized, "an API refused the credentials; re-authorise"),
        (.configuration, "configuration, secrets or mapping file error"),
        (.interruptedByInterrupt, "interrupted by SIGINT; stopped after the current item"),
        (.interruptedByTermination, "interrupted by SIGTERM; stopped after the current item"),
    ]

    public var description: String { String(rawValue) }
}
