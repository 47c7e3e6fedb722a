/// The soak's verdict per kind of record: what was fed, what arrived on the other side, what was held
/// back on purpose, what is missing, and which keys are held more often than before the soak.
public struct SoakTally: Sendable, Equatable {
    /// The figures of one kind of record.
    public struct Line: Sendable, Equatable {
        /// The kind.
        public var kind: SandboxCensus.Kind
        /// Records fed (for fees: the fees the fed supplier invoices should give).
        public var fed = 0
        /// Valid fed records found on the other side.
        public var arrived = 0
        /// Deliberately invalid fed records not on the other side, and invoices voided in Fortnox before
        /// their move that stayed in the trigger status (each must be held back with a reason).
        public var heldBack: [String] = []
        /// Valid fed records not on the other side (losses), and invalid ones that got there anyway.
        public var missing: [String] = []
        /// Fed invoices still in their trigger status, or without a status, after the clean run (the
        /// status move was lost).
        public var notMoved: [String] = []
        /// Keys held by more records than before the soak (at least two), with the system:
        /// `Fortnox 10013 ×2`.
        public var duplicates: [String] = []
    }

    /// One line per kind, in ``SandboxCensus/Kind`` order.
    public var lines: [Line]

    /// Duplicates in all kinds.
    public var duplicateCount: Int { lines.reduce(0) { $0 + $1.duplicates.count } }
    /// Losses in all kinds: records missing on the other side and invoices not moved on.
    public var lossCount: Int { lines.reduce(0) { $0 + $1.missing.count + $1.notMoved.count } }

    /// Compares `after` (the census after the clean run) with `before` (the census before the first
    /// run) for the records in `fed`.
    ///
    /// - Parameters:
    ///   - fed: What the soak fed, in order.
    ///   - before: The census before any run (the sample data's own duplicates are not counted).
    ///   - after: The census after the clean run.
    ///   - triggerStatus: The Severa invoice status that sends an invoice to Fortnox.
    ///   - voided: Fed invoices (Severa guids) whose Fortnox invoice was cancelled or credited while
    ///     their status move was pending. Each must either stay in the trigger status without a live
    ///     Fortnox invoice (held back, R4.4) or have been sent again and moved; moved on without a
    ///     live Fortnox invoice is a loss.
    public init(
        fed: [FedRecord], before: SandboxCensus, after: SandboxCensus, triggerStatus: String,
        voided: Set<String> = []
    ) {
        var lines = SandboxCensus.Kind.allCases.map { Line(kind: $0) }
        func update(_ kind: SandboxCensus.Kind, _ change: (inout Line) -> Void) {
            if let index = lines.firstIndex(where: { $0.kind == kind }) { change(&lines[index]) }
        }
        for record in fed {
            switch record.kind {
            case .supplierInvoice:
                let references = after.expectedFees[record.key] ?? []
                let feeLine = { (line: inout Line) in
                    line.fed += references.count
                    for reference in references {
                        if after.severa[.fee]?[reference] != nil {
                            line.arrived += 1
                        } else {
                            line.missing.append(reference)
                        }
                    }
                }
                update(.fee, feeLine)
            case .invoice where voided.contains(record.key):
                let live = after.fortnox[.invoice]?[record.key] != nil
                let status = after.severaInvoiceStatuses[record.key]
                let waiting = status == nil || status == triggerStatus
                update(.invoice) { line in
                    line.fed += 1
                    switch (live, waiting) {
                    case (false, true): line.heldBack.append("\(record.key) (voided before its move)")
                    case (true, false): line.arrived += 1
                    case (false, false):
                        line.missing.append("\(record.key) (moved on although its Fortnox invoice was voided)")
                    case (true, true):
                        line.arrived += 1
                        line.notMoved.append("\(record.key) (\(status ?? "no status"))")
                    }
                }
            case .customer, .product, .project, .invoice:
                let kind = SandboxCensus.Kind(rawValue: record.kind.rawValue) ?? .customer
                let other = record.side == .fortnox ? after.severa : after.fortnox
                let arrived = other[kind]?[record.key] != nil
                let label = "\(record.key) (\(record.side == .fortnox ? "Fortnox" : "Severa"))"
                update(kind) { line in
                    line.fed += 1
                    switch (arrived, record.isInvalid) {
                    case (true, false): line.arrived += 1
                    case (false, false): line.missing.append(label)
                    case (false, true): line.heldBack.append(label)
                    case (true, true): line.missing.append(label + " invalid, but transferred")
                    }
                }
                if kind == .invoice, !record.isInvalid {
                    let status = after.severaInvoiceStatuses[record.key]
                    if status == nil || status == triggerStatus {
                        update(.invoice) { $0.notMoved.append("\(record.key) (\(status ?? "no status"))") }
                    }
                }
            }
        }
        for (system, beforeCounts, afterCounts) in [
            ("Fortnox", before.fortnox, after.fortnox), ("Severa", before.severa, after.severa),
        ] {
            for (kind, counts) in afterCounts {
                for (key, count) in counts where count > max(1, beforeCounts[kind]?[key] ?? 0) {
                    update(kind) { $0.duplicates.append("\(system) \(key) ×\(count)") }
                }
            }
        }
        for index in lines.indices { lines[index].duplicates.sort() }
        self.lines = lines
    }
}
