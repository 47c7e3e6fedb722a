import Foundation

/// One invoice of the trigger queue with what the run knows of it before its job starts.
struct InvoiceWork: Sendable {
    /// The invoice as listed (header only, no rows).
    var header: RemoteRecord<Invoice>
    /// Its current transfer, when an earlier run transferred it.
    var current: InvoiceTransfer?
    /// For a credit note: the current transfer of the invoice it credits.
    var originalTransfer: InvoiceTransfer?
    /// For a credit note: the credited invoice as Severa had it when it was transferred.
    var originalInvoice: Invoice?
    /// For an invoice whose status move is pending: Brygga's transfer of the credit note that credited
    /// or cancelled its Fortnox invoice since, if there is one.
    var voidingCreditNote: InvoiceTransfer?
    /// Whether its customer is in Fortnox.
    var customerLinked: Bool
    /// Whether its project is in Fortnox (`true` without a project).
    var projectLinked: Bool
    /// The create intent journalled for it before the job, if any.
    var intentID: Int64?
    /// Whether an interrupted create of it could not be checked: it must not be created in this run.
    var unverified: Bool

    /// The Severa guid.
    var severaID: String { header.id }
    /// How operators name it.
    var key: String { header.record.displayKey }
}

/// What one invoice job did: what to commit for it, and whether the run must stop.
struct InvoiceOutcome: Sendable {
    /// The Severa guid.
    var severaID: String
    /// The key the retry queue and log use.
    var key: String
    /// Log entries, in order.
    var entries: [TransferLogEntry] = []
    /// The link to store (created invoice or credit invoice).
    var link: RecordLink?
    /// Transfer rows to store (the new or changed one, and a superseded previous generation).
    var transfers: [InvoiceTransfer] = []
    /// Attachment states to store.
    var attachments: [AttachmentTransfer] = []
    /// The failure to queue, when it failed.
    var failure: String?
    /// Whether it left the retry queue.
    var resolved = false
    /// Intents to close.
    var closedIntents: [Int64] = []
    /// The failure that stops the run.
    var fatal: EngineFailure?
    /// The record reads the job made, in order, with their failures (O7: answers that are not the API's
    /// three times in a row stop the run).
    var reads: [(side: SystemSide, failure: ConnectorError?)] = []

    init(_ work: InvoiceWork) {
        severaID = work.severaID
        key = work.key
    }

    /// Records the failure `violation` (queued when it is a failure, resolved when skipped).
    mutating func reject(_ violation: RuleViolation, entry: TransferLogEntry) {
        var logged = entry
        logged.action = violation.action
        logged.reason = violation.reason
        logged.hint = violation.hint
        logged.rule = violation.rule
        entries.append(logged)
        if violation.disposition == .failed {
            failure = violation.reason
        } else {
            resolved = true
        }
    }
}

/// What every invoice job of one run shares; only `Sendable` values, so jobs run concurrently.
struct InvoiceJobEnvironment: Sendable {
    let pm: any ProjectManagementSide
    let accounting: any AccountingSide
    let store: any SyncStateStore
    let statuses: ResolvedInvoiceStatuses
    let preparation: InvoicePreparation
    /// Whether attachments are transferred (R4.3).
    let attachments: Bool
    let names: SystemNames
    let runID: Int64
    let clock: SyncClock
    let isDryRun: Bool
    /// Article and unit lookups shared by the run's jobs.
    let lookups: InvoiceLookups
    /// Product codes a dry run would have linked earlier in the run.
    let plannedProducts: Set<String>

    /// A log entry about `work`.
    func entry(
        _ action: TransferAction, _ work: InvoiceWork, accountingID: String? = nil, reason: String? = nil,
        rule: String
    ) -> TransferLogEntry {
        TransferLogEntry(
            runID: runID, time: clock.now(), entity: .invoice, direction: .pmToAccounting, action: action,
            pmID: work.severaID, accountingID: accountingID, naturalKey: work.key, reason: reason, rule: rule)
    }
}

/// Fortnox facts several invoices of a run ask for, read at most once per run.
actor InvoiceLookups {
    private let accounting: any AccountingSide
    private var articles: [String: Bool] = [:]
    private var units: Set<String>??

    init(accounting: any AccountingSide) {
        self.accounting = accounting
    }

    /// Whether Fortnox has an article `code` (for products not linked by the product flow).
    func articleExists(_ code: String) async throws(ConnectorError) -> Bool {
        if let known = articles[code] { return known }
        let exists = try await accounting.products.find(naturalKey: code) != nil
        articles[code] = exists
        return exists
    }

    /// Fortnox's unit codes; `nil` when they cannot be read (then units are not checked, Fortnox refuses).
    func unitCodes() async -> Set<String>? {
        if let units { return units }
        let read = try? Set(await accounting.units().map(\.code))
        units = .some(read)
        return read
    }
}
