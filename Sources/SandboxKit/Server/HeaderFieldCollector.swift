import HTTPSupport

/// Collects header field lines and the framing facts in them (RFC 9112 §5, §6).
struct HeaderFieldCollector {
    let isHTTP11: Bool
    private var fields: [(name: String, value: String)] = []
    private var contentLength: Int?
    private var contentLengthTooLarge = false
    private var transferCodings: [String] = []
    private var closeRequested = false
    private var keepAliveRequested = false
    private var expectsContinue = false
    private var hostCount = 0

    /// Creates an empty collector for a request of the given version.
    init(isHTTP11: Bool) {
        self.isHTTP11 = isHTTP11
        fields.reserveCapacity(16)
    }

    /// Adds one `name: value` line.
    ///
    /// - Throws: ``RequestRejection`` 400 for folding, a bad name, a control character or a bad
    ///   `Content-Length`; 417 for an unsupported expectation.
    mutating func add(line: UnsafeRawBufferPointer) throws(RequestRejection) {
        if line[0] == ASCII.space || line[0] == ASCII.tab {
            throw malformed("obsolete line folding is not accepted")
        }
        guard let colon = RequestHeadParser.index(of: ASCII.colon, in: line, from: 0), colon > 0 else {
            throw malformed("a header line without a name and colon")
        }
        let name = UnsafeRawBufferPointer(rebasing: line[0..<colon])
        guard name.allSatisfy(ASCII.isTokenCharacter) else {
            throw malformed("invalid header name \"\(ASCII.string(name))\"")
        }
        let value = ASCII.trimmingWhitespace(UnsafeRawBufferPointer(rebasing: line[(colon + 1)...]))
        guard value.allSatisfy({ $0 >= 0x20 && $0 != 0x7F || $0 == ASCII.tab }) else {
            throw malformed("a control character in header \(ASCII.string(name))")
        }
        let valueText = ASCII.string(value)
        try note(name: name, value: valueText)
        fields.append((name: ASCII.string(name), value: valueText))
    }

    private mutating func note(name: UnsafeRawBufferPointer, value: String) throws(RequestRejection) {
        if ASCII.equalsIgnoringCase(name, "content-length") {
            try noteContentLength(value)
        } else if ASCII.equalsIgnoringCase(name, "transfer-encoding") {
            transferCodings += Self.tokens(value)
        } else if ASCII.equalsIgnoringCase(name, "connection") {
            for token in Self.tokens(value) {
                if token == "close" { closeRequested = true }
                if token == "keep-alive" { keepAliveRequested = true }
            }
        } else if ASCII.equalsIgnoringCase(name, "expect") {
            guard value.lowercased() == "100-continue" else {
                throw RequestRejection(status: 417, message: "unsupported expectation \"\(value)\"")
            }
            expectsContinue = isHTTP11
        } else if ASCII.equalsIgnoringCase(name, "host") {
            hostCount += 1
        }
    }

    private mutating func noteContentLength(_ value: String) throws(RequestRejection) {
        for item in value.split(separator: ",", omittingEmptySubsequences: false) {
            let digits = item.trimmingBlanks()
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
            else { throw malformed("invalid Content-Length \"\(value)\"") }
            guard let length = Int(digits) else {
                contentLengthTooLarge = true
                continue
            }
            if let known = contentLength, known != length {
                throw malformed("conflicting Content-Length values")
            }
            contentLength = length
        }
    }

    /// The finished head.
    ///
    /// - Throws: ``RequestRejection`` 400 for missing/duplicate `Host` or conflicting framing, 413 for an
    ///   unrepresentable length, 501 for a transfer coding other than `chunked`.
    func makeHead(method: String, target: String, isHTTP11: Bool) throws(RequestRejection) -> RequestHead {
        if isHTTP11, hostCount != 1 {
            throw malformed(hostCount == 0 ? "missing Host header" : "more than one Host header")
        }
        var isChunked = false
        if !transferCodings.isEmpty {
            guard isHTTP11 else { throw malformed("Transfer-Encoding in an HTTP/1.0 request") }
            guard contentLength == nil, !contentLengthTooLarge else {
                throw malformed("both Content-Length and Transfer-Encoding")
            }
            if let unsupported = transferCodings.first(where: { $0 != "chunked" }) {
                throw RequestRejection(status: 501, message: "Transfer-Encoding \"\(unsupported)\" is not supported")
            }
            guard transferCodings.count == 1 else { throw malformed("chunked applied more than once") }
            isChunked = true
        }
        if contentLengthTooLarge { throw RequestRejection(status: 413, message: "Content-Length is too large") }
        return RequestHead(
            method: method, target: target, isHTTP11: isHTTP11, headers: HTTPHeaders(fields),
            contentLength: contentLength, isChunked: isChunked, closeRequested: closeRequested,
            keepAliveRequested: keepAliveRequested, expectsContinue: expectsContinue
        )
    }

    /// The comma-separated tokens of a list header, trimmed and lowercased.
    private static func tokens(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmingBlanks().lowercased() }.filter { !$0.isEmpty }
    }

    private func malformed(_ message: String) -> RequestRejection {
        RequestRejection(status: 400, message: "malformed header: \(message)")
    }
}
