public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a whole file so that readers see either the old contents or the new, never a mix, and so
/// that the new file is private to its owner (LINUX-NOTES B4).
///
/// Steps: a temporary file in the same directory created with `O_EXCL` and mode 0600, `fchmod` (the
/// creation mode is masked by the umask), a write loop that retries `EINTR`, `fsync`, then `rename`
/// over the target (or `link`, which refuses an existing target), then `fsync` of the directory so
/// the new name survives a crash. The temporary file is removed on every failure.
public enum AtomicFileWriter {
    /// Writes `contents` to `path`.
    ///
    /// - Parameters:
    ///   - contents: The complete new contents.
    ///   - path: The target file.
    ///   - replacing: Whether an existing file may be replaced; when `false` an existing file is left
    ///     untouched and the error has ``FileSystemError/alreadyExists`` set.
    ///   - mode: The permission bits of the new file.
    /// - Throws: ``FileSystemError`` naming the file and the step that failed.
    public static func write(_ contents: Data, to path: String, replacing: Bool, mode: mode_t = 0o600)
        throws(FileSystemError)
    {
        let directory = POSIX.directory(of: path)
        let temporary =
            directory + "/." + POSIX.fileName(of: path) + ".tmp-\(getpid())-\(UInt32.random(in: .min ... .max))"
        let descriptor = POSIX.retryingInterrupts { open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode) }
        guard descriptor >= 0 else { throw FileSystemError(path: path, operation: "create", code: errno) }
        var isOpen = true
        var temporaryExists = true
        defer {
            if isOpen { close(descriptor) }
            if temporaryExists { unlink(temporary) }
        }
        func check(_ result: Int32, _ operation: String) throws(FileSystemError) {
            if result != 0 { throw FileSystemError(path: path, operation: operation, code: errno) }
        }
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
