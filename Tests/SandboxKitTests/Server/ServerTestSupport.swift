import Foundation
import Glibc
import HTTPSupport
import SandboxKit
import Synchronization

/// A handler made from a closure, counting the requests it sees.
final class ClosureTestHandler: SandboxRequestHandler {
    private let body: @Sendable (ServerRequest) -> HandlerResult
    private let seen = Mutex<[ServerRequest]>([])

    init(_ body: @escaping @Sendable (ServerRequest) -> HandlerResult) {
        self.body = body
    }

    /// Answers every request with a JSON echo of method, target, selected headers and body.
    static func echo() -> ClosureTestHandler {
        ClosureTestHandler { request in
            var query = ""
            for item in request.query { query += "\(item.name)=\(item.value);" }
            let echo = [
                "method=\(request.method.rawValue)", "path=\(request.path)", "query=\(query)",
                "x-test=\(request.headers["X-Test"] ?? "")",
                "content-type=\(request.headers["Content-Type"] ?? "")",
                "body=\(String(decoding: request.body, as: UTF8.self))",
            ].joined(separator: "\n")
            return .respond(
                HTTPResponse(
                    status: 200, headers: ["Content-Type": "text/plain", "X-Echo": "yes"], body: Data(echo.utf8)))
        }
    }

    func handle(_ request: ServerRequest) -> HandlerResult {
        seen.withLock { $0.append(request) }
        return body(request)
    }

    /// The requests handled so far.
    var requests: [ServerRequest] { seen.withLock { $0 } }
}

/// Runs blocking work on a fresh thread so socket calls never block the Swift concurrency pool.
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            do { continuation.resume(returning: try work()) } catch { continuation.resume(throwing: error) }
        }.start()
    }
}

/// A failure of the raw test client.
struct RawClientError: Error, CustomStringConvertible {
    var description: String
}

/// A response read off a raw socket.
struct RawResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data
    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// A blocking HTTP/1.1 client on one raw socket, for what URLSession cannot do (pipelining, malformed
/// requests, watching one connection). Every receive times out after 10 s so a bug cannot hang a test.
final class RawHTTPTestClient: @unchecked Sendable {  // Used by one thread at a time (the test's `onThread` block).
    let descriptor: Int32
    private var pending: [UInt8] = []

    init(port: UInt16) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw RawClientError(description: "socket failed") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = Self.connect(descriptor, port: port)
        guard result == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw RawClientError(description: "connect failed: errno \(code)")
        }
    }

    /// Connects `descriptor` to 127.0.0.1:`port`; returns 0 or -1 with errno set.
    static func connect(_ descriptor: Int32, port: UInt16) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(port).bigEndian
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }

    /// Whether connecting to `port` is refused (nothing listens).
    static func connectionRefused(port: UInt16) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        defer { Glibc.close(descriptor) }
        return connect(descriptor, port: port) != 0 && errno == ECONNREFUSED
    }

    deinit {
        Glibc.close(descriptor)
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw RawClientError(description: "send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads more bytes; returns false at end of stream.
    private func receiveMore() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 { throw RawClientError(description: "recv failed: errno \(errno)") }
        if count == 0 { return false }
        pending += chunk[0..<count]
        return true
    }

    /// Reads one response (status line, headers, `Content-Length` body; none for HEAD/1xx/204/304).
    func readResponse(isHead: Bool = false) throws -> RawResponse {
        while true {
            if let end = pending.firstRange(of: Array("\r\n\r\n".utf8)) {
                let head = String(decoding: pending[0..<end.lowerBound], as: UTF8.self)
                var lines = head.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
                    throw RawClientError(description: "bad status line in \(head)")
                }
                var headers = HTTPHeaders()
                for line in lines {
                    let parts = line.split(separator: ":", maxSplits: 1)
                    headers.add(name: String(parts[0]), value: parts[1].trimmingCharacters(in: .whitespaces))
                }
                let hasBody = !isHead && status >= 200 && status != 204 && status != 304
                let length = hasBody ? Int(headers["Content-Length"] ?? "0") ?? 0 : 0
                pending.removeFirst(end.upperBound)
                while pending.count < length {
                    guard try receiveMore() else { throw RawClientError(description: "closed inside a body") }
                }
                let body = Data(pending[0..<length])
                pending.removeFirst(length)
                return RawResponse(status: status, headers: headers, body: body)
            }
            guard try receiveMore() else { throw RawClientError(description: "closed before a response") }
        }
    }

    /// Reads until the server closes; returns what arrived (nil when the connection was reset).
    func readToEnd() -> [UInt8]? {
        do {
            while try receiveMore() {}
            defer { pending.removeAll() }
            return pending
        } catch {
            return nil
        }
    }
}
