import Synchronization

/// An ordered record of events from several fakes, to assert what happened before what.
final class EventLog: Sendable {
    private let events = Mutex<[String]>([])

    func record(_ event: String) {
        events.withLock { $0.append(event) }
    }

    var all: [String] { events.withLock { $0 } }

    func index(of event: String) -> Int? { all.firstIndex(of: event) }
}
