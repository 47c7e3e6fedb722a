import Glibc

/// A minimal HTTP/1.1 keep-alive client on one raw socket, fast enough not to be the bottleneck
/// (URLSession would be): one `send` per request, responses read in 64 KiB chunks into one reused
/// buffer, framing by `Content-Length` only.
final class KeepAliveBenchClient {
    private let port: UInt16
    private let request: [UInt8]
    private var descriptor: Int32 = -1
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    /// Creates a client that sends `request` (complete bytes) to 127.0.0.1:`port`.
    init(port: UInt16, request: [UInt8]) {
        self.port = port
        self.request = request
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        buffer.deallocate()
    }

    /// Sends the request and reads one response; returns its status, or `nil` after a connection
    /// failure (the next call reconnects).
    func exchange() -> Int? {
        if descriptor < 0, !connect() { return nil }
        let sent = request.withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        guard sent == request.count, let status = readResponse() else {
            close(descriptor)
            descriptor = -1
            return nil
        }
        return status
    }

    private func connect() -> Bool {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { return false }
        var noDelay: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(port).bigEndian
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            close(descriptor)
            descriptor = -1
        }
        return result == 0
    }

    /// Reads one response; the server answers one request at a time, so nothing follows it.
    private func readResponse() -> Int? {
        var received = 0
        var headEnd: Int?
        var contentLength = 0
        while true {
            guard received < buffer.count, let base = buffer.baseAddress else { return nil }
            let count = recv(descriptor, base + received, buffer.count - received, 0)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            received += count
            if headEnd == nil, let end = Self.headEnd(in: buffer, count: received) {
                headEnd = end
                contentLength = Self.contentLength(in: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
            }
            if let headEnd, received >= headEnd + contentLength {
                return Self.status(in: buffer)
            }
        }
    }

    private static func headEnd(in buffer: UnsafeMutableRawBufferPointer, count: Int) -> Int? {
        guard count >= 4 else { return nil }
        for index in 3..<count
        where buffer[index] == 0x0A && buffer[index - 1] == 0x0D && buffer[index - 2] == 0x0A
            && buffer[index - 3] == 0x0D
        {
            return index + 1
        }
        return nil
    }

    private static let contentLengthName = Array("content-length:".utf8)

    private static func contentLength(in head: UnsafeRawBufferPointer) -> Int {
        let name = contentLengthName
        var index = 0
        while index + name.count < head.count {
            var matches = true
            for offset in 0..<name.count where head[index + offset] | 0x20 != name[offset] | 0x20 {
                matches = false
                break
            }
            if matches {
                var value = 0
                var cursor = index + name.count
                while cursor < head.count, head[cursor] == 0x20 { cursor += 1 }
                while cursor < head.count, head[cursor] >= 0x30, head[cursor] <= 0x39 {
                    value = value * 10 + Int(head[cursor] - 0x30)
                    cursor += 1
                }
                return value
            }
            index += 1
        }
        return 0
    }

    /// The status code in `HTTP/1.1 200 OK`.
    private static func status(in buffer: UnsafeMutableRawBufferPointer) -> Int {
        (9..<12).reduce(0) { $0 * 10 + Int(buffer[$1] &- 0x30) }
    }
}
