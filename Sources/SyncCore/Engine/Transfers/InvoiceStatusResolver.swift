import Foundation

/// The configured invoice statuses, found among Severa's (R4.1).
public struct ResolvedInvoiceStatuses: Sendable, Hashable {
    /// The status that triggers the transfer.
    public var trigger: InvoiceStatus
    /// The status an invoice moves to once Fortnox has it.
    public var received: InvoiceStatus
    /// The paid status (R6); `nil` when none is configured or it cannot be used this run.
    public var paid: InvoiceStatus?
    /// Every Severa status by id, to name a status someone set by hand (R6.2).
    public var all: [String: InvoiceStatus]

    /// The name of status `id`, or the id when it is unknown.
    public func name(of id: String) -> String { all[id.lowercased()]?.name ?? id }
}

/// Finds the configured trigger, received and paid statuses among Severa's (R4.1): by guid, or by name
/// matched case-insensitively after trimming.
public struct InvoiceStatusResolver: Sendable {
    /// Why a configured status cannot be used.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// The configuration key, e.g. `invoices.triggerStatus`.
        public var key: String
        /// What is wrong, naming the status and the statuses that exist.
        public var reason: String

        public var description: String { "\(key): \(reason)" }
    }

    /// The statuses Severa has.
    public let statuses: [InvoiceStatus]

    /// Creates a resolver over `statuses`.
    public init(statuses: [InvoiceStatus]) {
        self.statuses = statuses
    }

    /// The status `configured` names under configuration key `key`, or the problem with it: unknown,
    /// inactive, or a name two statuses share.
    public func resolve(_ configured: String, key: String) -> Result<InvoiceStatus, Problem> {
        let wanted = configured.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let byID = statuses.filter { $0.id.lowercased() == wanted }
        let matches =
            byID.isEmpty
            ? statuses.filter { $0.name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == wanted }
            : byID
        guard let status = matches.first else {
            return .failure(Problem(key: key, reason: "Severa has no invoice status \"\(configured)\"; \(existing)"))
        }
        guard matches.count == 1 else {
            return .failure(
                Problem(
                    key: key,
                    reason: "\(matches.count) Severa invoice statuses are named \"\(configured)\"; name it by its guid "
                        + "(\(matches.map(\.id).joined(separator: ", ")))"))
        }
        guard status.isActive else {
            return .failure(
                Problem(key: key, reason: "the Severa invoice status \"\(status.name)\" is inactive; \(existing)"))
        }
        return .success(status)
    }

    /// Resolves `settings`' statuses: the trigger and received ones must resolve; a paid status that does
    /// not is reported in `paidProblem` and leaves ``ResolvedInvoiceStatuses/paid`` empty (R6 off).
    public func resolve(_ settings: InvoiceFlowSettings) -> (
        statuses: ResolvedInvoiceStatuses?, problems: [Problem], paidProblem: Problem?
    ) {
        var problems: [Problem] = []
        var trigger: InvoiceStatus?
        var received: InvoiceStatus?
        switch resolve(settings.triggerStatus, key: "invoices.triggerStatus") {
        case .success(let status): trigger = status
        case .failure(let problem): problems.append(problem)
        }
        switch resolve(settings.receivedStatus, key: "invoices.receivedStatus") {
        case .success(let status): received = status
        case .failure(let problem): problems.append(problem)
        }
        if let trigger, let received, trigger.id == received.id {
            problems.append(
                Problem(
                    key: "invoices.receivedStatus",
                    reason: "it names the trigger status \"\(trigger.name)\"; an invoice must leave the trigger status")
            )
        }
        var paid: InvoiceStatus?
        var paidProblem: Problem?
        if let configured = settings.paidStatus {
            switch resolve(configured, key: "invoices.paidStatus") {
            case .success(let status): paid = status
            case .failure(let problem): paidProblem = problem
            }
        }
        guard let trigger, let received, problems.isEmpty else { return (nil, problems, paidProblem) }
        let all = Dictionary(statuses.map { ($0.id.lowercased(), $0) }) { first, _ in first }
        return (ResolvedInvoiceStatuses(trigger: trigger, received: received, paid: paid, all: all), [], paidProblem)
    }

    /// "the statuses are: A, B (inactive), C".
    private var existing: String {
        let names = statuses.map { $0.isActive ? "\"\($0.name)\"" : "\"\($0.name)\" (inactive)" }
        return names.isEmpty ? "Severa lists no invoice statuses" : "the statuses are " + names.joined(separator: ", ")
    }
}
