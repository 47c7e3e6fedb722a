import HTTPSupport
import Synchronization

/// A diagnostic log that keeps every line.
final class SeveraTestLog: DiagnosticLog {
    private let lines = Mutex<[String]>([])

    func log(_ level: DiagnosticLevel, _ message: String) {
        lines.withLock { $0.append("\(level): \(message)") }
    }

    /// Every line so far.
    var messages: [String] { lines.withLock { $0 } }
}
