import Glibc

/// The socket system calls the loopback server needs, each retrying on `EINTR` (LINUX-NOTES B3).
///
/// Everything here works on a raw descriptor owned by the caller; nothing closes a descriptor it
/// did not open. Failures return `nil`/`false` and leave `errno` set for the caller to report.
enum SocketIO {
    /// `accept4(2)` looked up at run time: Swift's Glibc module does not import it (it is declared
    /// only under `_GNU_SOURCE`), and plain `accept` + `fcntl` would leave a window in which a
    /// concurrently spawned child process inherits the connection.
    private typealias Accept4 =
        @convention(c) (
            Int32, UnsafeMutablePointer<sockaddr>?, UnsafeMutablePointer<socklen_t>?, Int32
        ) -> Int32

    private static let accept4: Accept4? = dlsym(nil, "accept4").map { unsafeBitCast($0, to: Accept4.self) }

    /// Accepts a connection on `listener` with close-on-exec set, or returns `nil` with `errno` set.
    static func accept(_ listener: Int32) -> Int32? {
        while true {
            let descriptor: Int32
            if let accept4 {
                descriptor = accept4(listener, nil, nil, Int32(SOCK_CLOEXEC.rawValue))
            } else {
                descriptor = Glibc.accept(listener, nil, nil)
                if descriptor >= 0 { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
            }
            if descriptor >= 0 { return descriptor }
            if errno != EINTR { return nil }
        }
    }

    /// Receives up to `buffer.count` bytes; returns the count (0 at end of stream) or `nil` on error
    /// (including `EAGAIN` when the receive timeout expires).
    static func receive(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        while true {
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            if errno != EINTR { return nil }
        }
    }

    /// Sends `head` followed by `body` with as few `sendmsg` calls as the kernel allows, never raising
    /// SIGPIPE; returns whether every byte was handed to the kernel.
    static func sendAll(_ descriptor: Int32, head: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer) -> Bool {
        var headSent = 0
        var bodySent = 0
        return withUnsafeTemporaryAllocation(of: iovec.self, capacity: 2) { vectors in
            while headSent < head.count || bodySent < body.count {
                var count = 0
                if headSent < head.count, let base = head.baseAddress {
                    vectors[count] = iovec(
                        iov_base: UnsafeMutableRawPointer(mutating: base + headSent), iov_len: head.count - headSent)
                    count += 1
                }
                if bodySent < body.count, let base = body.baseAddress {
                    vectors[count] = iovec(
                        iov_base: UnsafeMutableRawPointer(mutating: base + bodySent), iov_len: body.count - bodySent)
                    count += 1
                }
                var message = msghdr()
                message.msg_iov = vectors.baseAddress
                message.msg_iovlen = count
                let sent = sendmsg(descriptor, &message, Int32(MSG_NOSIGNAL))
                if sent < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                let fromHead = min(sent, head.count - headSent)
                headSent += fromHead
                bodySent += sent - fromHead
            }
            return true
        }
    }

    /// Sends `bytes` completely (used for `100 Continue` and error answers).
    static func sendAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { sendAll(descriptor, head: $0, body: UnsafeRawBufferPointer(start: nil, count: 0)) }
    }

    /// Sets an integer socket option.
    @discardableResult
    static func setOption(_ descriptor: Int32, level: Int32, name: Int32, value: Int32) -> Bool {
        var value = value
        return setsockopt(descriptor, level, name, &value, socklen_t(MemoryLayout<Int32>.size)) == 0
    }

    /// Sets a timeout option (`SO_RCVTIMEO`, `SO_SNDTIMEO`); a zero duration means "no timeout".
    @discardableResult
    static func setTimeout(_ descriptor: Int32, name: Int32, duration: Duration) -> Bool {
        let (seconds, attoseconds) = duration.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        return setsockopt(descriptor, SOL_SOCKET, name, &value, socklen_t(MemoryLayout<timeval>.size)) == 0
    }

    /// Waits until `descriptor` is shut down or fails, or until `timeout` passes; used for injected
    /// latency so that ``LoopbackServer/stop()`` (which shuts every connection down) cuts it short.
    static func waitForHangUp(_ descriptor: Int32, timeout: Duration) {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { return }
            var entry = pollfd(fd: descriptor, events: 0, revents: 0)
            let result = poll(&entry, 1, milliseconds(rounding: remaining))
            if result > 0 { return }
            if result < 0, errno != EINTR { return }
        }
    }

    /// Waits up to `timeout` for the peer to close or reset the connection (or the server to shut it
    /// down); returns whether it did. Data the client sent meanwhile (a pipelined request) stays unread.
    static func peerClosed(_ descriptor: Int32, within timeout: Duration) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let result = poll(&entry, 1, milliseconds(rounding: timeout))
        if result < 0 { return errno != EINTR }
        guard result > 0 else { return false }
        if entry.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return true }
        var byte: UInt8 = 0
        let peeked = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        if peeked == 0 { return true }
        if peeked < 0 { return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR }
        // Readable but open: wait out the interval so the caller does not spin.
        _ = poll(nil, 0, milliseconds(rounding: timeout))
        return false
    }

    /// Waits up to `timeout` for `descriptor` to become readable; returns `false` on timeout or error.
    static func waitReadable(_ descriptor: Int32, timeout: Duration) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, milliseconds(rounding: timeout))
            if result > 0 { return true }
            if result == 0 || errno != EINTR { return false }
        }
    }

    /// `duration` in whole milliseconds, rounded up so a wait never ends early, capped for `poll`.
    private static func milliseconds(rounding duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(0, millis))
    }

    /// The text of the current `errno`, for error messages.
    static func errnoDescription(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}
