import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A small local file read whole, with the status of the file that was actually read (no race
/// between checking permissions and reading).
struct LocalFile {
    /// The file's bytes.
    let contents: Data
    /// `st_mode` of the file read.
    let mode: mode_t
    /// `st_uid` of the file read.
    let owner: uid_t
    /// `st_gid` of the file read.
    let group: gid_t

    /// The largest file read; configuration, mapping and secrets files are far smaller.
    static let maximumSize = 4 << 20

    /// Reads the regular file at `path`.
    ///
    /// - Throws: ``FileSystemError`` (operation `read`) when it cannot be opened or read, is a
    ///   directory (`EISDIR`), is another kind of non-regular file (`EINVAL`) or is larger than
    ///   ``maximumSize`` (`EFBIG`); its ``FileSystemError/reason`` says which in words.
    static func read(_ path: String) throws(FileSystemError) -> LocalFile {
        // O_NONBLOCK: a FIFO named by mistake must be refused below, not wait for a writer.
        let descriptor = POSIX.retryingInterrupts { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard descriptor >= 0 else { throw FileSystemError(path: path, operation: "read", code: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw FileSystemError(path: path, operation: "read", code: errno) }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileSystemError(path: path, operation: "read", code: EISDIR)
        default:
            throw FileSystemError(
                path: path, operation: "read", code: EINVAL,
                detail: "it is not a regular file (a device, FIFO or socket); give the path of a file")
        }
        guard status.st_size <= maximumSize else { throw FileSystemError(path: path, operation: "read", code: EFBIG) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { raw in
                POSIX.retryingInterrupts { Glibc.read(descriptor, raw.baseAddress, raw.count) }
            }
            if count < 0 { throw FileSystemError(path: path, operation: "read", code: errno) }
            if count == 0 { break }
            bytes += buffer[..<count]
            if bytes.count > maximumSize { throw FileSystemError(path: path, operation: "read", code: EFBIG) }
        }
        return LocalFile(contents: Data(bytes), mode: status.st_mode, owner: status.st_uid, group: status.st_gid)
    }
}
