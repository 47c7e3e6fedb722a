/// One of the two systems Brygga connects.
public enum SystemSide: String, Sendable, Hashable, CaseIterable, Codable {
    /// The project-management system (Visma Severa).
    case projectManagement = "pm"
    /// The accounting system (Fortnox).
    case accounting = "acct"

    /// The other side.
    public var opposite: SystemSide {
        self == .projectManagement ? .accounting : .projectManagement
    }
}

/// The direction a change travels.
public enum SyncDirection: String, Sendable, Hashable, Codable {
    /// From the project-management side to the accounting side.
    case pmToAccounting = "pm_to_acct"
    /// From the accounting side to the project-management side.
    case accountingToPM = "acct_to_pm"

    /// The direction whose source is `side`.
    public init(from side: SystemSide) {
        self = side == .projectManagement ? .pmToAccounting : .accountingToPM
    }

    /// The side the change comes from.
    public var source: SystemSide { self == .pmToAccounting ? .projectManagement : .accounting }
    /// The side the change is written to.
    public var target: SystemSide { source.opposite }
}
