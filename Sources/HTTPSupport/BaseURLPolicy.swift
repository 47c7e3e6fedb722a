public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which URLs may carry API credentials: HTTPS anywhere, plain HTTP only to this machine.
///
/// Bearer tokens and client secrets sent over plain HTTP can be read by anyone on the path, so
/// `http://` is allowed only for loopback hosts (the sandboxes): `localhost`, `127.0.0.0/8` and `::1`.
/// User-info (`https://user:pass@host`) is refused because credentials in URLs end up in logs and
/// shell history. Errors name the URL without its query string or user-info.
public enum BaseURLPolicy {
    /// Checks that requests may be sent to `url`.
    ///
    /// - Parameter url: A base URL or a request URL.
    /// - Throws: ``BaseURLError`` naming the URL and the rule it breaks.
    public static func validate(_ url: URL) throws(BaseURLError) {
        let shown = URLDisplay.withoutQuery(url)
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw BaseURLError(url: shown, reason: "it is not a valid URL")
        }
        if components.user != nil || components.password != nil {
            throw BaseURLError(
                url: shown,
                reason: "it contains a user name or password; put credentials in the configuration's secrets instead"
            )
        }
        guard let host = components.host, !host.isEmpty else {
            throw BaseURLError(url: shown, reason: "it has no host")
        }
        switch components.scheme?.lowercased() {
        case "https":
            return
        case "http":
            guard isLoopbackHost(host) else {
                throw BaseURLError(
                    url: shown,
                    reason: "plain http is only allowed to this machine (localhost, 127.0.0.0/8, ::1); use https"
                )
            }
        default:
            throw BaseURLError(url: shown, reason: "only https (or http to localhost) is supported")
        }
    }

    /// Whether `host` names this machine: `localhost`, an address in `127.0.0.0/8`, or `::1`.
    ///
    /// Addresses must be written canonically (dotted quad or IPv6, brackets allowed); shorthand such
    /// as `127.1` and names such as `foo.localhost` are not treated as loopback.
    public static func isLoopbackHost(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("["), name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name == "localhost" || name == "localhost." { return true }
        if let octets = ipv4Octets(name) { return octets[0] == 127 }
        if let bytes = ipv6Bytes(name) {
            let isLoopback = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1
            let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
            return isLoopback || (mapped && bytes[12] == 127)
        }
        return false
    }

    /// The four octets of a strict dotted-decimal IPv4 address, else `nil`.
    private static func ipv4Octets(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                let value = UInt8(part)
            else { return nil }
            octets.append(value)
        }
        return octets
    }

    /// The sixteen bytes of an IPv6 address, else `nil`.
    private static func ipv6Bytes(_ text: String) -> [UInt8]? {
        guard text.contains(":") else { return nil }
        var address = in6_addr()
        let parsed = text.withCString { inet_pton(AF_INET6, $0, &address) }
        guard parsed == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }
}
