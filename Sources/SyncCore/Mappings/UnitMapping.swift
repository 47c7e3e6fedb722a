/// How one Fortnox unit code is written in Severa, where units are free text (R1.3).
public struct UnitMapping: Sendable, Hashable {
    /// The spelling Brygga writes to Severa's `measurementUnit` for this Fortnox unit.
    public var severaName: String
    /// Other Severa spellings that mean this unit, e.g. `tim` and `timme` for `h`.
    public var aliases: [String]

    /// Creates a mapping.
    public init(severaName: String, aliases: [String]) {
        self.severaName = severaName
        self.aliases = aliases
    }
}

/// The unit table: Fortnox unit code → ``UnitMapping``.
///
/// Severa text is matched ignoring case and surrounding whitespace against each code, its
/// ``UnitMapping/severaName`` and its aliases. Text that matches nothing is taken as a Fortnox code as it
/// is; whether that unit exists in Fortnox is checked against `/3/units` (R1.3).
public struct UnitMappings: Sendable, Hashable {
    /// The entries by Fortnox unit code.
    public var entries: [String: UnitMapping]

    /// Creates a table.
    public init(entries: [String: UnitMapping]) {
        self.entries = entries
    }

    /// The Fortnox unit code for a Severa `measurementUnit`, or `nil` for an empty unit (allowed, R1.3).
    public func fortnoxCode(forSeveraUnit text: String) -> String? {
        let trimmed = String(text.trimmingWhitespace)
        guard !trimmed.isEmpty else { return nil }
        let key = UnitMappings.matchKey(trimmed)
        for (code, mapping) in entries where mapping.spellings(code: code).contains(key) {
            return code
        }
        return trimmed
    }

    /// The Severa `measurementUnit` for a Fortnox unit code.
    public func severaUnit(forFortnoxCode code: String) -> String {
        entries[code]?.severaName ?? code
    }

    /// The form spellings are compared in: trimmed and lower-cased.
    static func matchKey(_ text: String) -> String {
        String(text.trimmingWhitespace).lowercased()
    }
}

extension UnitMapping {
    /// Every spelling that selects this unit, in match form, including the Fortnox code.
    func spellings(code: String) -> Set<String> {
        Set(([code, severaName] + aliases).map(UnitMappings.matchKey))
    }
}
