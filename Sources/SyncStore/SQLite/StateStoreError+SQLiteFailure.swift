import CSQLite
import SyncCore

extension StateStoreError {
    /// The error for `failure` while the store was `operation` (e.g. "committing a batch"), with advice.
    ///
    /// The message is built from SQLite's message and our own words only, never from bound values.
    init(_ failure: SQLiteFailure, path: String, operation: String) {
        let (kind, advice) = Self.classify(failure)
        let what: String
        switch failure.cause {
        case .sqlite(let code): what = "SQLite error \(code): \(failure.detail)"
        case .unreadableRow, .missingRow: what = failure.detail
        }
        self.init(kind: kind, path: path, message: "\(operation) failed: \(what); \(advice)")
    }

    private static func classify(_ failure: SQLiteFailure) -> (Kind, String) {
        switch failure.cause {
        case .unreadableRow:
            return (
                .corrupt,
                "the database was changed outside Brygga or is damaged; restore it from a backup"
            )
        case .missingRow:
            return (.failed, "this is a bug in the caller; report it with this message")
        case .sqlite:
            break
        }
        switch failure.primaryCode ?? SQLITE_ERROR {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return (
                .busy,
                "another process kept the database locked past the busy timeout; let the other Brygga run "
                    + "finish (or stop a hung one) and try again"
            )
        case SQLITE_CORRUPT, SQLITE_NOTADB:
            return (
                .corrupt,
                "the file is damaged or not a Brygga state database; restore it from a backup or move it "
                    + "away so that Brygga starts a new one"
            )
        case SQLITE_CANTOPEN:
            return (.cannotOpen, "check that the directory exists and that its permissions let Brygga write it")
        case SQLITE_FULL:
            return (.failed, "the disk is full; free some space and run again (nothing of this operation was kept)")
        case SQLITE_READONLY, SQLITE_PERM, SQLITE_IOERR, SQLITE_AUTH:
            return (
                .failed,
                "check disk space and that the database file, its -wal and -shm files and their directory "
                    + "are writable by the user running Brygga"
            )
        case SQLITE_CONSTRAINT:
            return (
                .failed,
                "the data broke a rule of the state schema and nothing of this operation was kept; this is a bug "
                    + "in Brygga, report it with this message"
            )
        default:
            return (.failed, "nothing of this operation was kept; report this message if it happens again")
        }
    }
}
