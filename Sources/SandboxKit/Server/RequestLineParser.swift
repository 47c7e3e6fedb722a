/// Parses `METHOD SP request-target SP HTTP-version` (RFC 9112 §3).
enum RequestLineParser {
    /// The method, the target in origin form, and whether the version is HTTP/1.1.
    ///
    /// - Throws: ``RequestRejection`` 400 for a malformed line, 501 for `CONNECT`, 505 for a version
    ///   other than 1.0 and 1.1.
    static func parse(_ line: UnsafeRawBufferPointer) throws(RequestRejection) -> (String, String, Bool) {
        guard let firstSpace = RequestHeadParser.index(of: ASCII.space, in: line, from: 0),
            let secondSpace = RequestHeadParser.index(of: ASCII.space, in: line, from: firstSpace + 1)
        else { throw malformed("expected METHOD SP TARGET SP VERSION") }
        let method = UnsafeRawBufferPointer(rebasing: line[0..<firstSpace])
        let target = UnsafeRawBufferPointer(rebasing: line[(firstSpace + 1)..<secondSpace])
        let version = UnsafeRawBufferPointer(rebasing: line[(secondSpace + 1)...])
        guard !method.isEmpty, method.allSatisfy(ASCII.isTokenCharacter) else { throw malformed("invalid method") }
        guard !target.isEmpty, target.allSatisfy({ $0 > 0x20 && $0 != 0x7F }) else {
            throw malformed("invalid request target")
        }
        let isHTTP11 = try parseVersion(version)
        let methodText = ASCII.string(method)
        if methodText == "CONNECT" { throw RequestRejection(status: 501, message: "CONNECT is not supported") }
        return (methodText, try originForm(target, method: methodText), isHTTP11)
    }

    private static func parseVersion(_ version: UnsafeRawBufferPointer) throws(RequestRejection) -> Bool {
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard version.count == 8, version.starts(with: "HTTP/".utf8), digits.contains(version[5]),
            version[6] == UInt8(ascii: "."), digits.contains(version[7])
        else { throw malformed("invalid HTTP version") }
        switch (version[5], version[7]) {
        case (UInt8(ascii: "1"), UInt8(ascii: "1")): return true
        case (UInt8(ascii: "1"), UInt8(ascii: "0")): return false
        default: throw RequestRejection(status: 505, message: "only HTTP/1.0 and HTTP/1.1 are supported")
        }
    }

    /// Reduces an absolute-form target (`http://host/path?q`) to origin form; accepts `*` for OPTIONS.
    private static func originForm(_ target: UnsafeRawBufferPointer, method: String) throws(RequestRejection)
        -> String
    {
        if target[0] == ASCII.slash { return ASCII.string(target) }
        if target.count == 1, target[0] == UInt8(ascii: "*"), method == "OPTIONS" { return "*" }
        let text = ASCII.string(target)
        let lowered = text.lowercased()
        for scheme in ["http://", "https://"] where lowered.hasPrefix(scheme) {
            let afterScheme = text.dropFirst(scheme.count)
            guard let slash = afterScheme.firstIndex(of: "/") else {
                let query = afterScheme.firstIndex(of: "?").map { String(afterScheme[$0...]) } ?? ""
                return "/" + query
            }
            return String(afterScheme[slash...])
        }
        throw malformed("invalid request target")
    }

    private static func malformed(_ message: String) -> RequestRejection {
        RequestRejection(status: 400, message: "malformed request line: \(message)")
    }
}
