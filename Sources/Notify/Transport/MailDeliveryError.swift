/// Why a mail could not be handed over, in words an operator can act on.
///
/// The message names the destination (the sendmail path, or the relay's host and port) and the mail
/// system's reply; it never holds credentials (Brygga has none: TLS and authentication are the
/// MTA's job).
package struct MailDeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure.
    package struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Hashable {
            case temporary
            case rejected
            case misconfigured
        }

        private let value: Value

        /// Worth trying again later: the relay is down or silent, a 4xx reply, sendmail's exit 75.
        package static let temporary = Kind(value: .temporary)
        /// The mail system refused the mail for good: a 5xx reply, sendmail's other exit codes.
        package static let rejected = Kind(value: .rejected)
        /// The transport cannot work as configured: no such program or host, or not an SMTP server.
        package static let misconfigured = Kind(value: .misconfigured)

        package var description: String { value.rawValue }
    }

    /// The class of failure.
    package let kind: Kind
    /// What happened and where.
    package let message: String

    /// Creates an error.
    package init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    package var description: String { message }
}
