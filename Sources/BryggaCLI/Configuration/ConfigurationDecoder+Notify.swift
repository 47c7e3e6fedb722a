import Foundation
import JSONSupport
import Notify
import SyncCore

extension ConfigurationDecoder {
    /// The keys of the `notify` object.
    static let notifyKeys = ["to", "from", "subjectPrefix", "transport", "sendmail", "smtp", "remindAfterHours"]

    /// The `notify` section (O5); absent or `null` gives the defaults with nobody to mail.
    ///
    /// An empty `to` loads (as `brygga init` writes it): `brygga check` warns and `brygga notify test`
    /// refuses, both naming the key.
    ///
    /// - Throws: ``JSONDocumentError`` naming the key: a bad address, an unknown transport, a port
    ///   out of range, a relative sendmail path.
    func decodeNotify(_ top: JSONObjectReader) throws(JSONDocumentError) -> NotifySettings {
        var settings = NotifySettings.defaults
        guard let notify = try top.object("notify", allowedKeys: Self.notifyKeys) else { return settings }
        settings.recipients = try recipients(notify)
        if let from = notify.value("from") {
            settings.sender = try address(from, at: notify.path.appending("from"))
        }
        if let prefix = notify.value("subjectPrefix") {
            guard let text = prefix.stringValue, !text.contains(where: \.isNewline) else {
                throw notify.mismatch(
                    "subjectPrefix", expected: "a string on one line, e.g. \"[Brygga]\"", found: prefix)
            }
            settings.subjectPrefix = text
        }
        settings.transport = try notify.choice("transport", default: NotifyTransportKind.sendmail)
        if let sendmail = try notify.object("sendmail", allowedKeys: ["path"]) {
            settings.sendmailPath = try sendmailPath(sendmail) ?? settings.sendmailPath
        }
        if let smtp = try notify.object("smtp", allowedKeys: ["host", "port", "heloName", "timeoutSeconds"]) {
            settings.smtp = try relay(smtp)
        }
        if notify.value("remindAfterHours") != nil {
            settings.remindAfterHours = try notify.positiveInteger("remindAfterHours", default: 24, maximum: 8_760)
        }
        return settings
    }

    /// `notify.to`: distinct addresses; absent, `null` or `[]` for nobody.
    private func recipients(_ notify: JSONObjectReader) throws(JSONDocumentError) -> [MailAddress] {
        guard let value = notify.value("to") else { return [] }
        guard let elements = value.arrayValue else {
            throw notify.mismatch(
                "to", expected: "an array of e-mail addresses, e.g. [\"ekonomi@firma.se\"]", found: value)
        }
        var addresses: [MailAddress] = []
        for (index, element) in elements.enumerated() {
            let path = notify.path.appending("to").appending(index: index)
            let address = try address(element, at: path)
            if addresses.contains(where: { $0.address.lowercased() == address.address.lowercased() }) {
                throw JSONDocumentError(
                    file: file, keyPath: path.description, problem: "\(address.address) is listed twice")
            }
            addresses.append(address)
        }
        return addresses
    }

    private func address(_ value: JSONValue, at path: JSONKeyPath) throws(JSONDocumentError) -> MailAddress {
        guard let text = value.stringValue else {
            throw JSONDocumentError(
                file: file, keyPath: path.description,
                problem: "expected an e-mail address such as \"ekonomi@firma.se\", found \(value.foundDescription)")
        }
        do {
            return try MailAddress(parsing: text)
        } catch {
            throw JSONDocumentError(file: file, keyPath: path.description, problem: error.description)
        }
    }

    /// `notify.sendmail.path`: an absolute path (cron's working directory is not the operator's).
    private func sendmailPath(_ sendmail: JSONObjectReader) throws(JSONDocumentError) -> String? {
        let expectation = "the absolute path of a sendmail-compatible program, e.g. \"/usr/sbin/sendmail\""
        guard let path = try sendmail.optionalString("path", expected: expectation) else { return nil }
        guard path.hasPrefix("/") else { throw sendmail.mismatch("path", expected: expectation, found: .string(path)) }
        return path
    }

    /// `notify.smtp`: the relay's host and port, the EHLO name and the timeout.
    private func relay(_ smtp: JSONObjectReader) throws(JSONDocumentError) -> SMTPRelaySettings {
        var relay = SMTPRelaySettings()
        let hostExpectation = "a host name or IP address, e.g. \"127.0.0.1\" or \"mail.firma.se\""
        if let host = try smtp.optionalString("host", expected: hostExpectation) {
            if host.contains(where: { $0.isWhitespace || $0 == "/" || $0 == "@" }) {
                throw smtp.mismatch("host", expected: hostExpectation, found: .string(host))
            }
            if host.contains(":") && host.filter({ $0 == ":" }).count == 1 {
                throw smtp.error("host", "write the port in \"port\", not in the host (found \"\(host)\")")
            }
            relay.host = host
        }
        relay.port = UInt16(try smtp.positiveInteger("port", default: Int(relay.port), maximum: 65_535))
        let nameExpectation = "a host name such as \"sync1.firma.se\""
        if let name = try smtp.optionalString("heloName", expected: nameExpectation) {
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }) else {
                throw smtp.mismatch("heloName", expected: nameExpectation, found: .string(name))
            }
            relay.heloName = name
        }
        relay.timeoutSeconds = try smtp.positiveInteger("timeoutSeconds", default: relay.timeoutSeconds, maximum: 600)
        return relay
    }
}
