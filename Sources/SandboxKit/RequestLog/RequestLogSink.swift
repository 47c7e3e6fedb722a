public import Foundation
import Glibc
import Synchronization

/// An append-only JSON Lines file that request loggers write to (`--request-log FILE`).
///
/// The file is created owner-only (0600; an existing file is tightened to 0600 and appended to).
/// Each line goes to the kernel in one `write(2)` on an `O_APPEND` descriptor under a lock, so lines
/// from concurrent requests (and several loggers sharing one sink) never interleave, and there is no
/// user-space buffer: every line is in the file as soon as the request is logged, even if the process
/// is killed right after (a power loss may still lose the last lines; no `fsync` per line).
public final class RequestLogSink: Sendable {
    private struct State {
        var descriptor: Int32?
        var failedWrites = 0
    }

    /// The file written to.
    public let fileURL: URL
    private let state: Mutex<State>

    /// Opens (creating if needed) the log file for appending.
    ///
    /// - Parameter fileURL: The file; its directory must exist.
    /// - Throws: ``RequestLogError`` naming the path and the system's reason.
    public init(fileURL: URL) throws(RequestLogError) {
        self.fileURL = fileURL
        let path = fileURL.path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw RequestLogError(path: path, reason: String(cString: strerror(errno)))
        }
        // The mode given to open is masked by the umask and ignored for an existing file.
        guard fchmod(descriptor, 0o600) == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(descriptor)
            throw RequestLogError(path: path, reason: "cannot make it owner-only: \(reason)")
        }
        self.state = Mutex(State(descriptor: descriptor))
    }

    deinit {
        close()
    }

    /// How many lines could not be written (disk full, closed sink); the log is best-effort and never
    /// fails a request.
    public var failedWrites: Int {
        state.withLock { $0.failedWrites }
    }

    /// Appends one line; `line` must not contain a newline (one is added).
    func append(line: [UInt8]) {
        var bytes = line
        bytes.append(UInt8(ascii: "\n"))
        state.withLock { state in
            guard let descriptor = state.descriptor else {
                state.failedWrites += 1
                return
            }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    state.failedWrites += 1
                    return
                }
                offset += written
            }
        }
    }

    /// Closes the file; later lines are counted in ``failedWrites``. Idempotent.
    public func close() {
        state.withLock { state in
            if let descriptor = state.descriptor { Glibc.close(descriptor) }
            state.descriptor = nil
        }
    }
}
