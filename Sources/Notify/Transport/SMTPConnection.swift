import Glibc

/// One TCP connection to an SMTP relay with blocking, time-limited I/O (LINUX-NOTES B3, B6): a
/// connect that gives up after the timeout, `SO_RCVTIMEO`/`SO_SNDTIMEO` for every read and write,
/// `MSG_NOSIGNAL` so a relay that hangs up cannot kill the process with SIGPIPE, and `EINTR` retried.
///
/// Errors are ``MailDeliveryError``s naming `host:port`. Not thread-safe: one session uses it.
final class SMTPConnection {
    /// `host:port`, for messages.
    let endpoint: String
    private let descriptor: Int32
    private let timeoutSeconds: Int
    private var buffer: [UInt8] = []
    /// The longest reply line accepted (RFC 5321 §4.5.3.1.5 allows 512 octets; relays send less).
    private static let maximumLineOctets = 4096

    /// Resolves `host`, then connects to the first of its addresses that answers within `timeoutSeconds`.
    ///
    /// - Throws: ``MailDeliveryError``: misconfigured when the name does not resolve, temporary when
    ///   no address accepts the connection in time.
    init(host: String, port: UInt16, timeoutSeconds: Int) throws(MailDeliveryError) {
        let endpoint = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        self.endpoint = endpoint
        self.timeoutSeconds = timeoutSeconds
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let reason = String(cString: gai_strerror(status))
            let kind: MailDeliveryError.Kind = status == EAI_AGAIN ? .temporary : .misconfigured
            throw MailDeliveryError(kind, "SMTP relay \(endpoint): cannot resolve \"\(host)\": \(reason)")
        }
        defer { freeaddrinfo(list) }
        var lastError = ECONNREFUSED
        var connected: Int32?
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry?.pointee, connected == nil {
            switch Self.connect(address, timeoutSeconds: timeoutSeconds) {
            case .connected(let descriptor): connected = descriptor
            case .failed(let code): lastError = code
            }
            entry = address.ai_next
        }
        guard let descriptor = connected else {
            let reason = lastError == ETIMEDOUT ? "no answer within \(timeoutSeconds) s" : Self.describe(lastError)
            throw MailDeliveryError(.temporary, "SMTP relay \(endpoint): cannot connect: \(reason)")
        }
        self.descriptor = descriptor
        Self.setTimeout(descriptor, SO_RCVTIMEO, seconds: timeoutSeconds)
        Self.setTimeout(descriptor, SO_SNDTIMEO, seconds: timeoutSeconds)
    }

    deinit {
        close(descriptor)
    }

    /// Reads one line (without CRLF or LF).
    ///
    /// - Parameter waitingFor: What the reply answers, for messages ("waiting for the greeting").
    /// - Returns: The line's text.
    /// - Throws: ``MailDeliveryError`` (temporary) on timeout, a closed connection or a read error.
    func readLine(waitingFor: String) throws(MailDeliveryError) -> String {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard buffer.count <= Self.maximumLineOctets else {
                throw MailDeliveryError(
                    .misconfigured,
                    "SMTP relay \(endpoint) sent a line longer than \(Self.maximumLineOctets) "
                        + "bytes (\(waitingFor)); is it an SMTP server?")
            }
            var chunk = [UInt8](repeating: 0, count: 1024)
            let count = chunk.withUnsafeMutableBytes { bytes in
                retrying { recv(descriptor, bytes.baseAddress, bytes.count, 0) }
            }
            if count > 0 {
                buffer += chunk[..<count]
            } else if count == 0 {
                throw MailDeliveryError(.temporary, "SMTP relay \(endpoint) closed the connection (\(waitingFor))")
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                throw MailDeliveryError(
                    .temporary, "SMTP relay \(endpoint): no reply within \(timeoutSeconds) s (\(waitingFor))")
            } else {
                throw MailDeliveryError(.temporary, "SMTP relay \(endpoint): read failed: \(Self.describe(errno))")
            }
        }
    }

    /// Sends all of `bytes`.
    ///
    /// - Throws: ``MailDeliveryError`` (temporary) when the relay stops taking data in time or hung up.
    func write(_ bytes: [UInt8], sending what: String) throws(MailDeliveryError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                retrying {
                    Glibc.send(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset, Int32(MSG_NOSIGNAL))
                }
            }
            guard sent > 0 else {
                let reason =
                    errno == EAGAIN || errno == EWOULDBLOCK
                    ? "it took nothing for \(timeoutSeconds) s" : Self.describe(errno)
                throw MailDeliveryError(.temporary, "SMTP relay \(endpoint): sending \(what) failed: \(reason)")
            }
            offset += sent
        }
    }

    private func retrying(_ call: () -> Int) -> Int {
        while true {
            let result = call()
            if result == -1 && errno == EINTR { continue }
            return result
        }
    }

    /// Connects a new close-on-exec socket to `address`, waiting at most `timeoutSeconds`.
    private static func connect(_ address: addrinfo, timeoutSeconds: Int) -> ConnectOutcome {
        let descriptor = socket(address.ai_family, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return .failed(errno) }
        let flags = fcntl(descriptor, F_GETFL)
        _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
        func failing(_ code: Int32) -> ConnectOutcome {
            close(descriptor)
            return .failed(code)
        }
        if Glibc.connect(descriptor, address.ai_addr, address.ai_addrlen) != 0 {
            guard errno == EINPROGRESS || errno == EINTR else { return failing(errno) }
            var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            var ready: Int32
            repeat { ready = poll(&entry, 1, Int32(clamping: timeoutSeconds * 1000)) } while ready < 0 && errno == EINTR
            guard ready > 0 else { return failing(ready == 0 ? ETIMEDOUT : errno) }
            var socketError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &socketError, &length) == 0 else {
                return failing(errno)
            }
            guard socketError == 0 else { return failing(socketError) }
        }
        _ = fcntl(descriptor, F_SETFL, flags)
        return .connected(descriptor)
    }

    /// A connect's outcome: the connected descriptor, or the `errno` of the failure.
    private enum ConnectOutcome {
        case connected(Int32)
        case failed(Int32)
    }

    private static func setTimeout(_ descriptor: Int32, _ option: Int32, seconds: Int) {
        var value = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, option, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
