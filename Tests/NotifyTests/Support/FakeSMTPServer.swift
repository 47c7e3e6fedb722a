import Foundation
import Glibc
import Synchronization

/// A scripted, line-based SMTP server on 127.0.0.1 (port 0) for the failure modes a real server
/// will not show on demand: 4xx/5xx replies, silence, hang-ups, a HELO-only server.
///
/// It serves connections one after another on its own thread. Each command line gets the reply
/// the test's `reply` closure gives, or the default one of a well-behaved ESMTP server (with a
/// multi-line EHLO offering 8BITMIME). The end of the data (the lone `.`) is offered to the closure
/// as the command `<end of data>`.
final class FakeSMTPServer: Sendable {
    /// What the server does in answer to a line.
    enum Reply: Sendable, ExpressibleByStringLiteral {
        /// Sends these reply lines (each gets CRLF).
        case lines([String])
        /// Says nothing more on this connection, until the client hangs up.
        case silence
        /// Closes the connection at once.
        case hangUp

        init(stringLiteral value: String) {
            self = .lines([value])
        }
    }

    /// The command offered to the reply closure when the data ends.
    static let endOfData = "<end of data>"

    /// The bound port.
    let port: UInt16
    private let listener: Int32
    private let shared = Shared()
    private let finished = DispatchSemaphore(value: 0)

    private struct State {
        var commands: [String] = []
        var messages: [[UInt8]] = []
        var connection: Int32 = -1
        var stopped = false
    }

    /// The state the server thread and the test share.
    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    /// Starts listening.
    ///
    /// - Parameters:
    ///   - greeting: The first reply on each connection.
    ///   - reply: The reply to a command line, or `nil` for the default.
    /// - Throws: When no loopback port can be bound.
    init(greeting: Reply = "220 fake.test ESMTP ready", reply: @escaping @Sendable (String) -> Reply? = { _ in nil })
        throws
    {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard descriptor >= 0, ready else {
            close(descriptor)
            throw POSIXError(.EADDRNOTAVAIL)
        }
        listener = descriptor
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [shared, finished] in
            Self.serve(listener: descriptor, greeting: greeting, reply: reply, state: shared.state)
            finished.signal()
        }
        thread.name = "fake-smtp"
        thread.start()
    }

    deinit {
        stop()
    }

    /// The command lines received, in order, over all connections.
    var commands: [String] { shared.state.withLock { $0.commands } }

    /// The data of each message received, as sent (still dot-stuffed, CRLF lines, without the final `.`).
    var messages: [[UInt8]] { shared.state.withLock { $0.messages } }

    /// Stops serving and waits for the server thread to end. Idempotent.
    func stop() {
        let first = shared.state.withLock { state -> Bool in
            defer { state.stopped = true }
            guard !state.stopped else { return false }
            if state.connection >= 0 { shutdown(state.connection, Int32(SHUT_RDWR)) }
            return true
        }
        guard first else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        finished.wait()
        close(listener)
    }

    private static func serve(
        listener: Int32, greeting: Reply, reply: @Sendable (String) -> Reply?, state: borrowing Mutex<State>
    ) {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            let accepted = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.connection = connection
                return true
            }
            if accepted { converse(on: connection, greeting: greeting, reply: reply, state: state) }
            state.withLock { $0.connection = -1 }
            close(connection)
        }
    }

    private static func converse(
        on connection: Int32, greeting: Reply, reply: @Sendable (String) -> Reply?, state: borrowing Mutex<State>
    ) {
        var reader = LineReader(descriptor: connection)
        guard answer(greeting, on: connection, reader: &reader) else { return }
        var data: [UInt8]?
        while let line = reader.nextLine() {
            if var message = data {
                if line == Array(".\r\n".utf8) {
                    state.withLock { $0.messages.append(message) }
                    data = nil
                    let response = reply(endOfData) ?? "250 2.0.0 Ok: queued as FAKE1"
                    guard answer(response, on: connection, reader: &reader) else { return }
                } else {
                    message += line
                    data = message
                }
                continue
            }
            let command = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .newlines)
            state.withLock { $0.commands.append(command) }
            let response = reply(command) ?? defaultReply(to: command)
            guard answer(response, on: connection, reader: &reader) else { return }
            let verb = command.prefix(4).uppercased()
            if verb == "DATA", case .lines(let lines) = response, lines.last?.hasPrefix("354") == true { data = [] }
            if verb == "QUIT" { return }
        }
    }

    /// Sends `response`; `false` when the connection should end.
    private static func answer(_ response: Reply, on connection: Int32, reader: inout LineReader) -> Bool {
        switch response {
        case .lines(let lines):
            let bytes = Array(lines.map { $0 + "\r\n" }.joined().utf8)
            return bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                == bytes.count
        case .silence:
            while reader.nextLine() != nil {}
            return false
        case .hangUp:
            return false
        }
    }

    private static func defaultReply(to command: String) -> Reply {
        switch command.prefix(4).uppercased() {
        case "EHLO": .lines(["250-fake.test greets you", "250-PIPELINING", "250-8BITMIME", "250 SIZE 1048576"])
        case "HELO": "250 fake.test"
        case "MAIL": "250 2.1.0 Ok"
        case "RCPT": "250 2.1.5 Ok"
        case "DATA": "354 End data with <CR><LF>.<CR><LF>"
        case "QUIT": "221 2.0.0 Bye"
        case "RSET", "NOOP": "250 2.0.0 Ok"
        default: "502 5.5.2 Error: command not recognized"
        }
    }
}

/// Reads CRLF-terminated lines (terminator included) from a socket.
private struct LineReader {
    let descriptor: Int32
    var buffer: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// The next line with its line ending, or `nil` at the end of the connection.
    mutating func nextLine() -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[...newline])
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }
}
