import HTTPSupport

/// Finds and parses the head (request line plus header fields) of an HTTP/1.x request.
///
/// Strict where ambiguity would be dangerous (RFC 9112): no whitespace before a header's colon, no
/// obsolete line folding, no control characters in values, no request with both `Content-Length` and
/// `Transfer-Encoding`, exactly one `Host` in HTTP/1.1. Lenient where the RFC allows it: a bare LF
/// ends a line, and empty lines before the request line are skipped.
struct RequestHeadParser {
    /// Where a complete head lies in the received bytes.
    enum Scan: Equatable {
        /// More bytes are needed.
        case incomplete
        /// The head occupies `bytes[start..<end]`; `end` is just past the empty line.
        case complete(start: Int, end: Int)
    }

    /// The largest head accepted, in bytes (request line plus header fields).
    var maximumHeadBytes: Int
    /// The most header fields accepted.
    var maximumHeaderCount: Int

    /// Locates the end of the head in `bytes`.
    ///
    /// - Throws: ``RequestRejection`` with 414 when the request line alone is too long, 431 when the
    ///   head is.
    func scan(_ bytes: UnsafeRawBufferPointer) throws(RequestRejection) -> Scan {
        var start = 0
        while start < bytes.count, bytes[start] == ASCII.carriageReturn || bytes[start] == ASCII.lineFeed {
            start += 1
        }
        var lineStart = start
        while let lineFeed = Self.index(of: ASCII.lineFeed, in: bytes, from: lineStart) {
            if lineFeed + 1 - start > maximumHeadBytes { throw tooLarge(firstLine: lineStart == start) }
            var lineEnd = lineFeed
            if lineEnd > lineStart, bytes[lineEnd - 1] == ASCII.carriageReturn { lineEnd -= 1 }
            if lineEnd == lineStart, lineStart > start { return .complete(start: start, end: lineFeed + 1) }
            lineStart = lineFeed + 1
        }
        if bytes.count - start > maximumHeadBytes { throw tooLarge(firstLine: lineStart == start) }
        return .incomplete
    }

    /// Parses the head found by ``scan(_:)``.
    ///
    /// - Parameter head: The bytes from the request line up to and including the empty line.
    /// - Returns: The request line and header fields with the framing facts extracted.
    /// - Throws: ``RequestRejection`` (400, 417, 431, 501, 505) naming what is wrong.
    func parse(_ head: UnsafeRawBufferPointer) throws(RequestRejection) -> RequestHead {
        var lines = LineIterator(bytes: head)
        guard let requestLine = lines.next() else { throw RequestRejection(status: 400, message: "empty request") }
        let (method, target, isHTTP11) = try RequestLineParser.parse(requestLine)
        var fields = HeaderFieldCollector(isHTTP11: isHTTP11)
        var count = 0
        while let line = lines.next(), !line.isEmpty {
            count += 1
            if count > maximumHeaderCount {
                throw RequestRejection(status: 431, message: "more than \(maximumHeaderCount) header fields")
            }
            try fields.add(line: line)
        }
        return try fields.makeHead(method: method, target: target, isHTTP11: isHTTP11)
    }

    private func tooLarge(firstLine: Bool) -> RequestRejection {
        firstLine
            ? RequestRejection(status: 414, message: "request line longer than \(maximumHeadBytes) bytes")
            : RequestRejection(status: 431, message: "request header section larger than \(maximumHeadBytes) bytes")
    }

    /// The index of the first `byte` at or after `from`, found with `memchr`.
    static func index(of byte: UInt8, in bytes: UnsafeRawBufferPointer, from: Int) -> Int? {
        guard from < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchrBytes(base + from, byte, bytes.count - from) else { return nil }
        return base.distance(to: found)
    }
}

/// Splits a head into lines, accepting CRLF or a bare LF, without the line terminators.
private struct LineIterator {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    mutating func next() -> UnsafeRawBufferPointer? {
        guard position < bytes.count else { return nil }
        let lineFeed = RequestHeadParser.index(of: ASCII.lineFeed, in: bytes, from: position) ?? bytes.count
        var end = lineFeed
        if end > position, bytes[end - 1] == ASCII.carriageReturn { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[position..<end])
        position = lineFeed + 1
        return line
    }
}
