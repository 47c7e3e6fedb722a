/// The system a failing record is read from; the raw values are the state store's `pm` and `acct`
/// (SyncCore's `SystemSide`), so a digest row's `side` column holds the same text.
package enum RecordSide: String, Sendable, Hashable, CaseIterable {
    /// Visma Severa, the project-management side.
    case severa = "pm"
    /// Fortnox, the accounting side.
    case fortnox = "acct"

    /// The system's name as operators know it.
    package var systemName: String { self == .severa ? "Severa" : "Fortnox" }

    /// The other system.
    package var opposite: RecordSide { self == .severa ? .fortnox : .severa }
}
