package import Foundation

/// What a finished `run`, `retry` or `bootstrap` hands to the digest: everything failing now.
package struct DigestRun: Sendable, Hashable {
    /// The run's id, for the subject and the text; `nil` when the run was not recorded (exit 74).
    package var runID: Int64?
    /// When the run finished: the digest's "now".
    package var finishedAt: Date
    /// Everything failing now: the whole retry queue (not only this run's failures) plus this
    /// run's failed steps that concern no single record.
    package var failures: [DigestFailure]
    /// Why the run stopped early; empty when it ran to the end.
    package var fatalCauses: [FatalCause]

    /// Creates a run.
    package init(runID: Int64?, finishedAt: Date, failures: [DigestFailure], fatalCauses: [FatalCause] = []) {
        self.runID = runID
        self.finishedAt = finishedAt
        self.failures = failures
        self.fatalCauses = fatalCauses
    }

    /// Whether the run got to its end, so that a failure it did not meet again is known to be fixed.
    ///
    /// A record failure is resolved whenever its queue row is gone (the queue is the truth), but a
    /// fatal cause or a failure of no single record is resolved only by a run that did not stop.
    var ranToTheEnd: Bool { fatalCauses.isEmpty }
}
