import Glibc
import HTTPSupport

/// Serializes response heads into one reusable byte buffer per connection.
///
/// The server owns the framing headers: whatever a handler put in `Content-Length`,
/// `Transfer-Encoding`, `Connection`, `Keep-Alive` or `Date` is replaced. CR and LF inside a handler's
/// header are turned into spaces so a handler cannot split the response.
struct ResponseHeadWriter {
    /// The bytes of the last head written; reused so a keep-alive connection does not allocate per response.
    private(set) var bytes: [UInt8] = []
    private var dateSecond = -1
    private var dateBytes: [UInt8] = []

    init() {
        bytes.reserveCapacity(1024)
    }

    /// How the connection continues after this response.
    enum ConnectionHeader {
        /// No `Connection` header (HTTP/1.1 keep-alive is the default).
        case none
        /// `Connection: keep-alive` (an HTTP/1.0 client asked for it).
        case keepAlive
        /// `Connection: close`: the server closes after the response.
        case close
    }

    /// Writes the head of `response` into ``bytes``.
    ///
    /// - Parameters:
    ///   - status: The status code.
    ///   - headers: The handler's header fields.
    ///   - bodyLength: The length of the body that follows (or would follow, for HEAD).
    ///   - connection: The `Connection` header to add.
    mutating func write(status: Int, headers: HTTPHeaders, bodyLength: Int, connection: ConnectionHeader) {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: "HTTP/1.1 ".utf8)
        appendDecimal(status)
        bytes.append(ASCII.space)
        bytes.append(contentsOf: StatusReason.phrase(for: status).utf8)
        appendLineEnd()
        var dated = false
        for field in headers where !Self.isFramingHeader(field.name) || Self.isDate(field.name) && !dated {
            dated = dated || Self.isDate(field.name)
            appendSanitized(field.name)
            bytes.append(contentsOf: ": ".utf8)
            appendSanitized(field.value)
            appendLineEnd()
        }
        if !dated {
            bytes.append(contentsOf: "Date: ".utf8)
            appendDate()
            appendLineEnd()
        }
        if StatusReason.allowsContentLength(status) {
            bytes.append(contentsOf: "Content-Length: ".utf8)
            appendDecimal(bodyLength)
            appendLineEnd()
        }
        switch connection {
        case .none: break
        case .keepAlive: bytes.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        case .close: bytes.append(contentsOf: "Connection: close\r\n".utf8)
        }
        appendLineEnd()
    }

    /// Whether `name` is `Date`: a handler's own (e.g. an emulator's virtual clock) replaces the server's.
    private static func isDate(_ name: String) -> Bool {
        name.utf8.count == 4 && name.lowercased() == "date"
    }

    private static func isFramingHeader(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4, 10, 14, 17:
            let lowered = name.lowercased()
            return lowered == "date" || lowered == "connection" || lowered == "keep-alive"
                || lowered == "content-length" || lowered == "transfer-encoding"
        default:
            return false
        }
    }

    private mutating func appendLineEnd() {
        bytes.append(ASCII.carriageReturn)
        bytes.append(ASCII.lineFeed)
    }

    private mutating func appendSanitized(_ text: String) {
        for byte in text.utf8 {
            bytes.append(byte == ASCII.carriageReturn || byte == ASCII.lineFeed || byte == 0 ? ASCII.space : byte)
        }
    }

    private mutating func appendDecimal(_ value: Int) {
        let value = max(0, value)
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        var remaining = value
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(remaining / divisor))
            remaining %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// Appends the IMF-fixdate (RFC 9110 §5.6.7) of the current second, formatted once per second.
    private mutating func appendDate() {
        let now = time(nil)
        if now != dateSecond {
            dateSecond = now
            dateBytes = Array(HTTPDate.format(epochSeconds: now).utf8)
        }
        bytes.append(contentsOf: dateBytes)
    }
}
