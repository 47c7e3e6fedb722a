public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a whole file so that readers see either the old contents or the new, never a mix, and so
/// that the new file is private to its owner (LINUX-NOTES B4).
///
/// Steps: a temporary file in the same directory created with `O_EXCL` and mode 0600, `fchown` when
/// an owner is asked for, `fchmod` (the creation mode is masked by the umask, and a change of owner
/// clears set-id bits), a write loop that retries `EINTR`, `fsync`, then `rename` over the target (or
/// `link`, which refuses an existing target), then `fsync` of the directory so the new name survives a
/// crash. The temporary file is removed on every failure.
///
/// `path` is the file itself: a symbolic link at `path` is replaced by a plain file, and a hard link's
/// other names keep the old contents. Callers that must keep a link resolve it first (see
/// ``ConfigurationFileEdit``).
public enum AtomicFileWriter {
    /// Writes `contents` to `path`.
    ///
    /// - Parameters:
    ///   - contents: The complete new contents.
    ///   - path: The target file.
    ///   - replacing: Whether an existing file may be replaced; when `false` an existing file is left
    ///     untouched and the error has ``FileSystemError/alreadyExists`` set.
    ///   - mode: The permission bits of the new file.
    ///   - owner: Who should own the new file; `nil` for the process's user and group. What the
    ///     process may not set (only root may give a file away; a user may pick one of their groups)
    ///     stays the process's.
    /// - Returns: The owner and group the new file got.
    /// - Throws: ``FileSystemError`` naming the file and the step that failed.
    @discardableResult
    public static func write(
        _ contents: Data, to path: String, replacing: Bool, mode: mode_t = 0o600, owner: FileOwner? = nil
    ) throws(FileSystemError) -> FileOwner {
        let directory = POSIX.directory(of: path)
        let temporary =
            directory + "/." + POSIX.fileName(of: path) + ".tmp-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let descriptor = POSIX.retryingInterrupts { open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
        guard descriptor >= 0 else {
            let code = errno
            let detail =
                code == EACCES
                ? "permission denied: user \(POSIX.userDescription) may not create files in \(directory) "
                    + "(a file is replaced by writing a new one beside it and renaming it over the old)"
                : nil
            throw FileSystemError(path: path, operation: "create", code: code, detail: detail)
        }
        var isOpen = true
        var temporaryExists = true
        defer {
            if isOpen { close(descriptor) }
            if temporaryExists { unlink(temporary) }
        }
        func check(_ result: Int32, _ operation: String) throws(FileSystemError) {
            if result != 0 { throw FileSystemError(path: path, operation: operation, code: errno) }
        }
        let given = try owner.map { wanted throws(FileSystemError) in try give(descriptor, to: wanted, path: path) }
        try check(fchmod(descriptor, mode), "create")
        if let failure = POSIX.writeAll(Array(contents), to: descriptor) {
            throw FileSystemError(path: path, operation: "write", code: failure)
        }
        try check(POSIX.retryingInterrupts { fsync(descriptor) }, "sync")
        isOpen = false
        try check(close(descriptor), "write")
        if replacing {
            try check(rename(temporary, path), "rename")
            temporaryExists = false
        } else {
            try check(link(temporary, path), "link")
        }
        try syncDirectory(directory)
        return given ?? FileOwner(user: geteuid(), group: getegid())
    }

    /// Gives the open file to `wanted` as far as the process may: both ids, else only the group.
    ///
    /// - Returns: The owner and group the file has afterwards.
    private static func give(_ descriptor: Int32, to wanted: FileOwner, path: String) throws(FileSystemError)
        -> FileOwner
    {
        if fchown(descriptor, wanted.user, wanted.group) == 0 { return wanted }
        if fchown(descriptor, uid_t.max, wanted.group) == 0 { return FileOwner(user: geteuid(), group: wanted.group) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FileSystemError(path: path, operation: "create", code: errno)
        }
        return FileOwner(user: status.st_uid, group: status.st_gid)
    }

    /// Flushes a directory so a rename or link in it is durable.
    private static func syncDirectory(_ directory: String) throws(FileSystemError) {
        let descriptor = POSIX.retryingInterrupts { open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard descriptor >= 0 else { throw FileSystemError(path: directory, operation: "open", code: errno) }
        defer { close(descriptor) }
        guard POSIX.retryingInterrupts({ fsync(descriptor) }) == 0 else {
            throw FileSystemError(path: directory, operation: "sync", code: errno)
        }
    }
}

/// The user and group that own a file.
public struct FileOwner: Sendable, Equatable {
    /// The owning user's id.
    public let user: uid_t
    /// The owning group's id.
    public let group: gid_t

    /// Creates an owner.
    public init(user: uid_t, group: gid_t) {
        self.user = user
        self.group = group
    }
}
