import HTTPSupport
import Synchronization

/// A diagnostic log that keeps every line, to check that none holds a secret.
final class FortnoxCollectingLog: DiagnosticLog {
    private let lines = Mutex<[String]>([])

    func log(_ level: DiagnosticLevel, _ message: String) {
        lines.withLock { $0.append("\(level): \(message)") }
    }

    /// Every line logged so far.
    var messages: [String] { lines.withLock { $0 } }
}
