import Notify
import Synchronization

/// An in-memory ``MailTransport``: keeps every message it is given, or fails as told.
final class RecordingMailTransport: MailTransport {
    private let state = Mutex<(sent: [MailMessage], failure: MailDeliveryError?)>(([], nil))

    let destination = "the test's mailbox"

    /// Makes every following send fail with `failure` (or succeed again with `nil`).
    func fail(with failure: MailDeliveryError?) {
        state.withLock { $0.failure = failure }
    }

    /// The messages accepted so far.
    var sent: [MailMessage] { state.withLock { $0.sent } }

    func send(_ message: MailMessage) async throws(MailDeliveryError) -> MailDeliveryReceipt {
        let failure = state.withLock { state -> MailDeliveryError? in
            if state.failure == nil { state.sent.append(message) }
            return state.failure
        }
        if let failure { throw failure }
        return MailDeliveryReceipt(destination: destination, acceptedRecipients: message.recipientAddresses)
    }
}
