#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small wrappers around system calls: `EINTR` retries, complete writes and readable `errno` text.
enum POSIX {
    /// The text of an `errno` value, e.g. "Permission denied".
    static func describe(errno code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// The effective user as `name (uid N)`, or `uid N` when it has no name.
    static var userDescription: String {
        let id = geteuid()
        var entry = passwd()
        var found: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getpwuid_r(id, &entry, &buffer, buffer.count, &found) == 0, found != nil, let name = entry.pw_name
        else { return "uid \(id)" }
        return "\(String(cString: name)) (uid \(id))"
    }

    /// Runs `call` until it fails with something other than `EINTR`.
    ///
    /// - Returns: The call's result; on `-1` the caller reads `errno`.
    static func retryingInterrupts<Result: BinaryInteger>(_ call: () -> Result) -> Result {
        while true {
            let result = call()
            if result == -1 && errno == EINTR { continue }
            return result
        }
    }

    /// Writes all of `bytes` to `descriptor`, retrying `EINTR` and short writes.
    ///
    /// - Returns: `nil` on success, else the `errno` of the failed write.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                retryingInterrupts {
                    write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                }
            }
            if written < 0 { return errno }
            offset += written
        }
        return nil
    }

    /// The directory part of `path` (`.` when there is none).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = path[..<slash]
        return directory.isEmpty ? "/" : String(directory)
    }

    /// The last component of `path`.
    static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
