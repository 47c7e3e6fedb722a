import Foundation
import Notify

/// What the run hook of the next step will do after each run, with the state kept in memory:
/// compose, send, and apply the state changes only when the transport accepted the mail.
struct DigestLoop {
    /// The digest state (the `notified_failures` rows).
    private(set) var state: [NotifiedFailure] = []
    let composer: DigestComposer
    let sender: MailAddress
    let recipients: [MailAddress]

    /// What happened after a run.
    enum Outcome: Equatable {
        case nothingToSend
        case sent(Digest)
        case failed(MailDeliveryError)
    }

    init(settings: DigestSettings = DigestSettings(), sender: String = "brygga@firma.test", recipients: [String]) throws
    {
        composer = DigestComposer(settings: settings)
        self.sender = try MailAddress(parsing: sender)
        self.recipients = try recipients.map { try MailAddress(parsing: $0) }
    }

    /// Composes the digest for `run` and sends it through `transport`.
    mutating func afterRun(_ run: DigestRun, transport: any MailTransport) async -> Outcome {
        guard let digest = composer.compose(run: run, notified: state) else { return .nothingToSend }
        do {
            _ = try await transport.send(digest.message(from: sender, to: recipients))
        } catch {
            return .failed(error)
        }
        state = digest.stateChanges.applied(to: state)
        return .sent(digest)
    }
}
