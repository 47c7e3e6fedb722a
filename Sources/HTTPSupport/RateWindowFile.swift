public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One credential's rate window kept in a small file, so every process using the credential counts
/// the same requests: a command started right after (or beside) another one waits for the requests
/// the other made instead of drawing 429s from the server, whose window still holds them.
///
/// The file (e.g. `<state database>.ratewindow`) holds one line per admission inside the window, in
/// milliseconds since 1970, and an `until` line while a 429 back-off holds every caller. Each
/// admission is decided and recorded under an exclusive `flock` before the request is sent, so a
/// process killed with `kill -9` loses nothing it admitted. The file is rewritten in place (write, then
/// truncate): a process killed in between leaves older admissions behind, which only count longer.
/// Lines that do not parse are ignored; timestamps outside the window are dropped on the next write.
public final class RateWindowFile: Sendable {
    /// How one request fared against the shared window.
    public enum Admission: Sendable, Equatable {
        /// The request was counted and may be sent.
        case admitted
        /// The window is full (or held by a back-off) until the given time; try again then.
        case full(retryAt: Date)
    }

    /// The file.
    public let path: String
    private let descriptor: Mutex<Int32>

    /// Opens (creating with mode 0600) the window file.
    ///
    /// - Parameter path: The file, e.g. the state database's path with `.ratewindow` appended.
    /// - Throws: ``RateWindowFileError`` when the file cannot be opened.
    public init(path: String) throws(RateWindowFileError) {
        let opened = Self.retryingInterrupts { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600) }
        guard opened >= 0 else { throw RateWindowFileError(path: path, operation: "open", code: errno) }
        self.path = path
        self.descriptor = Mutex(opened)
    }

    deinit {
        descriptor.withLock { _ = close($0) }
    }

    /// The window file for a state database: its path with `.ratewindow` appended.
    public static func path(forStateDatabase databasePath: String) -> String {
        databasePath + ".ratewindow"
    }

    /// Counts a request at `now` when the window has room for it.
    ///
    /// - Parameters:
    ///   - now: The time of the request.
    ///   - limit: The limit to keep (``RateLimit/maxRequests`` per ``RateLimit/countedInterval``).
    /// - Returns: ``Admission/admitted`` after recording the request, else when to try again.
    /// - Throws: ``RateWindowFileError`` when the file cannot be locked, read or written.
    public func admit(at now: Date, limit: RateLimit) throws(RateWindowFileError) -> Admission {
        try locked { state throws(RateWindowFileError) in
            state.settle(at: now, interval: limit.countedInterval.timeInterval)
            if let until = state.blockedUntil, until > now { return .full(retryAt: until) }
            state.blockedUntil = nil
            if state.admissions.count < limit.maxRequests {
                state.admissions.append(now)
                return .admitted
            }
            let oldestCounted = state.admissions[state.admissions.count - limit.maxRequests]
            return .full(retryAt: oldestCounted.addingTimeInterval(limit.countedInterval.timeInterval))
        }
    }

    /// Counts an admission recorded at `admission` from `later` instead (its response arrived then).
    ///
    /// - Throws: ``RateWindowFileError`` when the file cannot be locked, read or written.
    public func move(admission: Date, to later: Date) throws(RateWindowFileError) {
        try locked { state throws(RateWindowFileError) in state.move(admission, to: later) }
    }

    /// Holds every process's callers until `until` (after a 429); a later hold already recorded stays.
    ///
    /// - Throws: ``RateWindowFileError`` when the file cannot be locked, read or written.
    public func block(until: Date) throws(RateWindowFileError) {
        try locked { state throws(RateWindowFileError) in
            if let current = state.blockedUntil, current >= until { return }
            state.blockedUntil = until
        }
    }

    /// The admissions recorded in the file, oldest first (for tests and diagnostics).
    ///
    /// - Throws: ``RateWindowFileError`` when the file cannot be locked or read.
    public func recordedAdmissions() throws(RateWindowFileError) -> [Date] {
        try locked { state throws(RateWindowFileError) in state.admissions }
    }

    /// Runs `body` on the file's contents under an exclusive lock and writes back what it left.
    private func locked<Result>(
        _ body: (inout RateWindowState) throws(RateWindowFileError) -> Result
    ) throws(RateWindowFileError) -> Result {
        try descriptor.withLock { (file: inout Int32) throws(RateWindowFileError) -> Result in
            let handle = file
            guard Self.retryingInterrupts({ flock(handle, LOCK_EX) }) == 0 else {
                throw RateWindowFileError(path: path, operation: "lock", code: errno)
            }
            defer { _ = Self.retryingInterrupts { flock(handle, LOCK_UN) } }
            var state = RateWindowState(text: try read(handle))
            let original = state
            let result = try body(&state)
            if state != original { try write(state.text, to: handle) }
            return result
        }
    }

    private func read(_ handle: Int32) throws(RateWindowFileError) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let offset = bytes.count
            let count = chunk.withUnsafeMutableBytes { buffer in
                Self.retryingInterrupts { pread(handle, buffer.baseAddress, buffer.count, off_t(offset)) }
            }
            if count < 0 { throw RateWindowFileError(path: path, operation: "read", code: errno) }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func write(_ text: String, to handle: Int32) throws(RateWindowFileError) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Self.retryingInterrupts {
                    pwrite(handle, buffer.baseAddress.map { $0 + offset }, buffer.count - offset, off_t(offset))
                }
            }
            if written < 0 { throw RateWindowFileError(path: path, operation: "write", code: errno) }
            offset += written
        }
        guard Self.retryingInterrupts({ ftruncate(handle, off_t(bytes.count)) }) == 0 else {
            throw RateWindowFileError(path: path, operation: "truncate", code: errno)
        }
    }

    private static func retryingInterrupts<Value: BinaryInteger>(_ call: () -> Value) -> Value {
        while true {
            let result = call()
            if result == -1 && errno == EINTR { continue }
            return result
        }
    }
}

/// The contents of a ``RateWindowFile``: admissions oldest first and an optional back-off.
struct RateWindowState: Equatable {
    var admissions: [Date] = []
    var blockedUntil: Date?

    /// Parses the file's text, ignoring lines that do not parse.
    init(text: String) {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[0] == "until", let milliseconds = Int64(fields[1]) {
                blockedUntil = Self.date(milliseconds)
            } else if fields.count == 1, let milliseconds = Int64(fields[0]) {
                admissions.append(Self.date(milliseconds))
            }
        }
        admissions.sort()
    }

    /// Drops admissions that left the window ending at `now`, and reads times after `now` (left by a
    /// clock that was ahead, e.g. before the system clock was stepped back) as `now`, so a clock step
    /// costs at most one window's wait; a back-off more than ``longestBlock`` ahead is dropped.
    mutating func settle(at now: Date, interval: TimeInterval) {
        let horizon = now.addingTimeInterval(-interval)
        admissions = admissions.filter { $0 > horizon }.map { min($0, now) }
        if let until = blockedUntil, until.timeIntervalSince(now) > Self.longestBlock { blockedUntil = nil }
    }

    /// Replaces one admission recorded at `admission` (to the millisecond) with `later`.
    mutating func move(_ admission: Date, to later: Date) {
        let recorded = Self.milliseconds(admission)
        guard let index = admissions.lastIndex(where: { Self.milliseconds($0) == recorded }) else { return }
        admissions.remove(at: index)
        admissions.append(later)
        admissions.sort()
    }

    /// The longest back-off the file keeps: longer ones can only come from a clock stepped back.
    static let longestBlock: TimeInterval = 15 * 60

    /// The file's text.
    var text: String {
        var lines = admissions.map { String(Self.milliseconds($0)) }
        if let blockedUntil { lines.insert("until \(Self.milliseconds(blockedUntil))", at: 0) }
        return lines.map { $0 + "\n" }.joined()
    }

    /// Milliseconds are rounded up, so a recorded admission never counts as earlier than it was.
    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.up))
    }

    private static func date(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
    }
}

/// Why the shared rate window file could not be used.
public struct RateWindowFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// What failed: `open`, `lock`, `read`, `write` or `truncate`.
    public let operation: String
    /// The `errno`.
    public let code: Int32

    public var description: String {
        "cannot \(operation) the rate window file \(path): \(String(cString: strerror(code)))"
    }
}
