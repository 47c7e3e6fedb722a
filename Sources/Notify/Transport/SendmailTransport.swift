import Foundation
import Glibc

/// A pipe to a sendmail-compatible program (`sendmail -t -oi -f FROM`), the recommended transport:
/// TLS, authentication and queueing are the MTA's job (msmtp, nullmailer, Postfix, Exim …).
///
/// `-t` takes the recipients from the `To` header and `-oi` keeps a line holding only `.` from ending
/// the input (LINUX-NOTES B6). Exit status 0 means the MTA took the mail, 75 (`EX_TEMPFAIL`) a
/// temporary failure, anything else a failure whose standard error goes into the message. The body
/// is quoted-printable when it is not ASCII, since the MTA's onward path may not be 8-bit clean.
package struct SendmailTransport: MailTransport {
    /// The program, e.g. `/usr/sbin/sendmail`.
    package var path: String
    /// How long the program may take before it is stopped and the send counts as temporary failure.
    package var timeoutSeconds: Int

    /// The program's standard error kept for messages, in bytes.
    private static let keptErrorOutput = 2000

    /// Creates a transport.
    package init(path: String, timeoutSeconds: Int = 120) {
        self.path = path
        self.timeoutSeconds = timeoutSeconds
    }

    package var destination: String { "sendmail (\(path))" }

    /// Checks that ``path`` is an executable file, without sending anything: what `brygga check` tests.
    ///
    /// - Throws: ``MailDeliveryError`` (misconfigured) saying what is wrong with the path.
    package func probe() throws(MailDeliveryError) {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw MailDeliveryError(
                .misconfigured,
                "sendmail \(path) does not exist: install a sendmail-compatible MTA (e.g. Debian's msmtp-mta) "
                    + "or give the path of one")
        }
        guard status.st_mode & S_IFMT == S_IFREG, access(path, X_OK) == 0 else {
            throw MailDeliveryError(.misconfigured, "sendmail \(path) is not an executable file")
        }
    }

    package func send(_ message: MailMessage) async throws(MailDeliveryError) -> MailDeliveryReceipt {
        try probe()
        let transport = self
        return try await BlockingWork.run("brygga-sendmail") { () -> Result<MailDeliveryReceipt, MailDeliveryError> in
            Result { () throws(MailDeliveryError) in try transport.sendBlocking(message) }
        }.get()
    }

    private func sendBlocking(_ message: MailMessage) throws(MailDeliveryError) -> MailDeliveryReceipt {
        // stdin is a socket pair, not a Pipe: send() with MSG_NOSIGNAL, so a program that exits
        // without reading cannot kill us with SIGPIPE, and SO_SNDTIMEO bounds the write.
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw MailDeliveryError(.temporary, "sendmail \(path): cannot create a socket: \(describe(errno))")
        }
        let (ours, theirs) = (pair[0], pair[1])
        defer { close(ours) }
        let errorOutput = try ErrorCapture()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t", "-oi", "-f", message.from.address]
        process.standardInput = FileHandle(fileDescriptor: theirs, closeOnDealloc: false)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(fileDescriptor: errorOutput.descriptor, closeOnDealloc: false)
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            close(theirs)
            throw MailDeliveryError(
                .misconfigured, "sendmail \(path) could not be started: \(error.localizedDescription)")
        }
        close(theirs)
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(ours, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let wroteAll = write(message.rendered(eightBitAllowed: false).bytes, to: ours)
        shutdown(ours, Int32(SHUT_WR))
        if exited.wait(timeout: .now() + .seconds(timeoutSeconds)) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            exited.wait()
            throw MailDeliveryError(
                .temporary,
                "sendmail \(path) did not finish within \(timeoutSeconds) s and was stopped" + errorOutput.suffix)
        }
        let status = process.terminationStatus
        if process.terminationReason == .uncaughtSignal {
            throw MailDeliveryError(.temporary, "sendmail \(path) was killed by signal \(status)" + errorOutput.suffix)
        }
        switch status {
        case 0 where wroteAll:
            return MailDeliveryReceipt(destination: destination, acceptedRecipients: message.recipientAddresses)
        case 0:
            throw MailDeliveryError(.rejected, "sendmail \(path) exited before reading the whole message")
        case 75:
            throw MailDeliveryError(
                .temporary,
                "sendmail \(path) could not deliver now (exit 75, temporary; try again later)"
                    + errorOutput.suffix)
        default:
            throw MailDeliveryError(
                .rejected, "sendmail \(path) failed with exit status \(status)" + errorOutput.suffix)
        }
    }

    /// Writes `bytes` to `descriptor` without SIGPIPE; `false` when the reader went away or stalled.
    private func write(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    private func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// An unlinked temporary file that receives the program's standard error (a file, not a pipe,
    /// so a chatty program can never block on it while we wait for it).
    private final class ErrorCapture {
        let descriptor: Int32

        init() throws(MailDeliveryError) {
            var template = Array((FileManager.default.temporaryDirectory.path + "/brygga-sendmail-XXXXXX").utf8CString)
            let descriptor = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
            guard descriptor >= 0 else {
                throw MailDeliveryError(
                    .temporary,
                    "cannot create a temporary file for sendmail's messages: \(String(cString: strerror(errno)))")
            }
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            template.withUnsafeBufferPointer { buffer in _ = buffer.baseAddress.map { unlink($0) } }
            self.descriptor = descriptor
        }

        deinit {
            close(descriptor)
        }

        /// `: <what the program wrote>` (its last part, on one line), or nothing when it wrote nothing.
        var suffix: String {
            var bytes = [UInt8](repeating: 0, count: SendmailTransport.keptErrorOutput)
            let size = lseek(descriptor, 0, SEEK_END)
            let start = max(0, size - off_t(bytes.count))
            let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, start) }
            guard count > 0 else { return "" }
            let text = String(decoding: bytes[..<count], as: UTF8.self)
                .split(whereSeparator: \.isNewline).map { $0.trimmingSpaces }.filter { !$0.isEmpty }
                .joined(separator: " / ")
            return text.isEmpty ? "" : ": " + text
        }
    }
}
