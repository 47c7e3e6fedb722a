import SyncCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The state database as a file: created owner-only before SQLite sees it, checked before it is trusted.
///
/// SQLite creates a new database with the process umask (0644 under umask 022), and the `-wal` and
/// `-shm` files take the database file's mode (LINUX-NOTES B4). The file holds the company's records (and,
/// written by an older Brygga, OAuth tokens), so it is created here with mode 0600 whatever the umask;
/// its `-wal` and `-shm` then come out 0600 too.
enum DatabaseFile {
    /// What was found at the path.
    enum State: Equatable {
        /// There was no file; an empty one was created with mode 0600.
        case created
        /// An existing empty file (SQLite treats it as an empty database).
        case empty
        /// An existing file that starts with the SQLite header.
        case sqlite
    }

    /// The 16 bytes every SQLite 3 database starts with ("SQLite format 3" and a NUL).
    private static let header = Array("SQLite format 3\0".utf8)
    /// The size of the database header; a shorter non-empty file cannot be a database.
    private static let headerSize = 100

    /// Creates the file owner-only when missing; otherwise checks, without writing, that it looks like
    /// a SQLite database.
    static func prepare(path: String) throws(StateStoreError) -> State {
        let descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            // The mode given to open() is masked by the umask; fchmod sets it exactly.
            let changed = fchmod(descriptor, 0o600)
            let code = errno
            close(descriptor)
            guard changed == 0 else { throw failure(.cannotOpen, path, "cannot make it private", code) }
            return .created
        }
        let code = errno
        guard code == EEXIST else {
            throw failure(
                .cannotOpen, path,
                "cannot create it; check that the directory exists and is writable by the user running Brygga",
                code
            )
        }
        return try inspectExisting(path: path)
    }

    /// Removes group and other permissions from the database and its `-wal` and `-shm` files.
    ///
    /// Called only once the file is known to be Brygga's: it holds the company's records (an older one
    /// also tokens), so a copy restored with a loose mode is made private again rather than left
    /// readable by other users.
    static func makePrivate(path: String) throws(StateStoreError) {
        for file in [path, path + "-wal", path + "-shm"] {
            var info = stat()
            guard stat(file, &info) == 0, info.st_mode & 0o077 != 0 else { continue }
            guard chmod(file, info.st_mode & 0o700) == 0 else {
                throw failure(
                    .cannotOpen, path,
                    "\(file) is readable by other users and Brygga cannot change that; run chmod 600 on it",
                    errno
                )
            }
        }
    }

    private static func inspectExisting(path: String) throws(StateStoreError) -> State {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw failure(.cannotOpen, path, "cannot read it; check its permissions", errno)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure(.cannotOpen, path, "cannot inspect it", errno) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw StateStoreError(
                kind: .cannotOpen, path: path,
                message: "it is not a regular file; point Brygga at a file path for its state database"
            )
        }
        guard info.st_size > 0 else { return .empty }
        var bytes = [UInt8](repeating: 0, count: headerSize)
        let count = readFully(descriptor, into: &bytes)
        guard count == headerSize, bytes.prefix(header.count).elementsEqual(header) else {
            throw StateStoreError(
                kind: .corrupt, path: path,
                message: "the file is not a SQLite database, so it is not a Brygga state database; it was left "
                    + "untouched; restore the right file or point Brygga at another path"
            )
        }
        return .sqlite
    }

    /// Reads until `buffer` is full or the file ends, retrying on EINTR; returns the bytes read.
    private static func readFully(_ descriptor: Int32, into buffer: inout [UInt8]) -> Int {
        var total = 0
        while total < buffer.count {
            let result = buffer.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress.map { $0 + total }, raw.count - total)
            }
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { break }
            total += result
        }
        return total
    }

    private static func failure(
        _ kind: StateStoreError.Kind, _ path: String, _ what: String, _ code: Int32
    ) -> StateStoreError {
        StateStoreError(kind: kind, path: path, message: "\(what) (\(String(cString: strerror(code))))")
    }
}
