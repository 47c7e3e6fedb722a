/// An e-mail address as an operator writes it in the configuration: `ekonomi@firma.se` or
/// `Ekonomi Åberg <ekonomi@firma.se>`.
///
/// The address itself (the addr-spec) must be ASCII: a dot-atom local part and a domain of
/// letters, digits and hyphens (write an internationalised domain in its `xn--` form). Quoted local
/// parts and SMTPUTF8 addresses are not supported; the display name may be any text and is
/// encoded as RFC 2047 in headers when it is not plain ASCII.
package struct MailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The addr-spec, e.g. `ekonomi@firma.se`: what goes into `MAIL FROM`/`RCPT TO`.
    package let address: String
    /// The display name, if one was written.
    package let displayName: String?

    /// The characters RFC 5322 allows in an atom besides letters and digits.
    private static let atomSymbols = Set("!#$%&'*+-/=?^_`{|}~")

    /// Parses `text`.
    ///
    /// - Throws: ``MailAddressError`` saying what is wrong, e.g. "has no @".
    package init(parsing text: String) throws(MailAddressError) {
        let trimmed = String(text.trimmingSpaces)
        if let open = trimmed.lastIndex(of: "<") {
            guard trimmed.hasSuffix(">") else {
                throw MailAddressError(text: text, problem: "a name must be followed by the address in <…>")
            }
            let name = trimmed[..<open].trimmingSpaces
            let unquoted =
                name.count >= 2 && name.hasPrefix("\"") && name.hasSuffix("\"")
                ? name.dropFirst().dropLast() : name
            if unquoted.contains(where: { $0 == "\"" || $0 == "\\" || $0.isNewline }) {
                throw MailAddressError(
                    text: text, problem: "the name may not contain quotes, backslashes or line breaks")
            }
            let spec = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            try self.init(address: String(spec), displayName: unquoted.isEmpty ? nil : String(unquoted), text: text)
        } else {
            try self.init(address: trimmed, displayName: nil, text: text)
        }
    }

    private init(address: String, displayName: String?, text: String) throws(MailAddressError) {
        if let problem = Self.problem(with: address) {
            throw MailAddressError(text: text, problem: problem)
        }
        self.address = address
        self.displayName = displayName
    }

    /// `user@` this machine's host name, e.g. `brygga@sync1.firma.se`: what cron and sendmail use
    /// when nothing else is said (`brygga@localhost` when the host name does not make an address).
    package static func local(user: String) -> MailAddress {
        (try? MailAddress(parsing: "\(user)@\(LocalHost.name)")) ?? MailAddress(unchecked: "\(user)@localhost")
    }

    private init(unchecked address: String) {
        self.address = address
        self.displayName = nil
    }

    /// The domain part, e.g. `firma.se`.
    package var domain: Substring {
        address[address.index(after: address.lastIndex(of: "@") ?? address.startIndex)...]
    }

    /// `Name <address>` when there is a name, else the address.
    package var description: String {
        displayName.map { "\($0) <\(address)>" } ?? address
    }

    /// What is wrong with `spec` as an ASCII addr-spec, or `nil` when it is fine.
    private static func problem(with spec: String) -> String? {
        guard !spec.isEmpty else { return "it is empty" }
        guard spec.unicodeScalars.allSatisfy({ $0.isASCII }) else {
            return "only ASCII addresses are supported (write an international domain in its xn-- form)"
        }
        guard spec.utf8.count <= 254 else { return "it is longer than 254 characters" }
        let parts = spec.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return parts.count < 2 ? "it has no @" : "it has more than one @" }
        let (local, domain) = (parts[0], parts[1])
        guard !local.isEmpty, local.utf8.count <= 64 else { return "it needs 1 to 64 characters before the @" }
        let localOK = local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy { $0.isLetter || $0.isNumber || atomSymbols.contains($0) }
        }
        guard localOK else { return "the part before the @ has a character that is not allowed there, or stray dots" }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let domainOK = labels.allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
        guard domainOK else { return "the domain after the @ is not a host name such as firma.se" }
        return nil
    }
}

/// An e-mail address that cannot be used, with the reason.
package struct MailAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text as written.
    package let text: String
    /// What is wrong.
    package let problem: String

    package var description: String { "\"\(text)\" is not a usable e-mail address: \(problem)" }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: SubSequence {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }
}
