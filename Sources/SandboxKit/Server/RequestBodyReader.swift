import Foundation

/// How reading a request ended early: the peer went away, or the request must be refused.
enum ConnectionEnd: Error {
    /// End of stream, a receive error or the idle timeout: close without answering.
    case closed
    /// Answer with this status and close.
    case rejected(RequestRejection)
}

/// Reads request bodies from a connection's ``ReceiveBuffer``: fixed-length (`Content-Length`) and
/// chunked (RFC 9112 §7.1; chunk extensions are ignored, trailer fields are read and dropped).
struct RequestBodyReader {
    let descriptor: Int32
    let buffer: ReceiveBuffer
    let maximumBodyBytes: Int
    let maximumLineBytes: Int

    /// Reads exactly `length` bytes.
    func readFixed(length: Int) throws(ConnectionEnd) -> Data {
        guard length > 0 else { return Data() }
        if buffer.count >= length {
            let body = Self.data(UnsafeRawBufferPointer(rebasing: buffer.readable[0..<length]))
            buffer.consume(length)
            return body
        }
        var body = Data(capacity: length)
        try append(length, to: &body)
        return body
    }

    /// Reads a chunked body to its end, including trailer fields.
    func readChunked() throws(ConnectionEnd) -> Data {
        var body = Data()
        while true {
            let sizeLine = try readLine()
            let size = try Self.chunkSize(sizeLine)
            if size == 0 { break }
            guard size <= maximumBodyBytes - body.count else {
                throw .rejected(RequestRejection(status: 413, message: "body larger than \(maximumBodyBytes) bytes"))
            }
            try append(size, to: &body)
            guard try readLine().isEmpty else { throw malformed("chunk data not followed by CRLF") }
        }
        var trailerBytes = 0
        while true {
            let trailer = try readLine()
            if trailer.isEmpty { return body }
            trailerBytes += trailer.count
            if trailerBytes > maximumLineBytes {
                throw .rejected(RequestRejection(status: 431, message: "chunked trailer section too large"))
            }
        }
    }

    /// Moves `count` bytes from the connection into `body`.
    private func append(_ count: Int, to body: inout Data) throws(ConnectionEnd) {
        var remaining = count
        while remaining > 0 {
            if buffer.count == 0 {
                guard let received = buffer.fill(from: descriptor), received > 0 else { throw .closed }
            }
            let take = min(buffer.count, remaining)
            body.append(UnsafeRawBufferPointer(rebasing: buffer.readable[0..<take]).bindMemory(to: UInt8.self))
            buffer.consume(take)
            remaining -= take
        }
    }

    /// Reads one line (without CRLF or LF) of at most ``maximumLineBytes``.
    private func readLine() throws(ConnectionEnd) -> [UInt8] {
        while true {
            let waiting = buffer.readable
            if let lineFeed = RequestHeadParser.index(of: ASCII.lineFeed, in: waiting, from: 0) {
                var end = lineFeed
                if end > 0, waiting[end - 1] == ASCII.carriageReturn { end -= 1 }
                let line = Array(waiting[0..<end])
                buffer.consume(lineFeed + 1)
                return line
            }
            if waiting.count > maximumLineBytes { throw malformed("chunk line too long") }
            guard let received = buffer.fill(from: descriptor), received > 0 else { throw .closed }
        }
    }

    /// The size in a `chunk-size [; extensions]` line.
    private static func chunkSize(_ line: [UInt8]) throws(ConnectionEnd) -> Int {
        var size = 0
        var digits = 0
        for byte in line {
            let value: Int
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = Int(byte - UInt8(ascii: "A")) + 10
            case ASCII.semicolon, ASCII.space, ASCII.tab:
                guard digits > 0 else { throw malformed("invalid chunk size") }
                return size
            default: throw malformed("invalid chunk size")
            }
            digits += 1
            guard digits <= 15 else {
                throw .rejected(RequestRejection(status: 413, message: "chunk size too large"))
            }
            size = size * 16 + value
        }
        guard digits > 0 else { throw malformed("missing chunk size") }
        return size
    }

    private static func data(_ bytes: UnsafeRawBufferPointer) -> Data {
        guard let base = bytes.baseAddress else { return Data() }
        return Data(bytes: base, count: bytes.count)
    }

    private static func malformed(_ message: String) -> ConnectionEnd {
        .rejected(RequestRejection(status: 400, message: "malformed chunked body: \(message)"))
    }

    private func malformed(_ message: String) -> ConnectionEnd {
        Self.malformed(message)
    }
}
