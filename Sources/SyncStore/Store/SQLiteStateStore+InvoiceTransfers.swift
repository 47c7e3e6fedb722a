public import SyncCore

extension SQLiteStateStore {
    private static let transferColumns = """
        severa_guid, generation, severa_number, kind, fortnox_number, credited_number, stage, created_at, moved_at, \
        paid_outcome, paid_at, superseded_at
        """

    /// The current (highest) generation of each Severa invoice in `severaIDs` that has one.
    public func invoiceTransfers(severaIDs: [String]) throws(StateStoreError) -> [String: InvoiceTransfer] {
        guard !severaIDs.isEmpty else { return [:] }
        let sql = """
            SELECT \(Self.transferColumns) FROM invoice_transfers WHERE severa_guid = ?
            ORDER BY generation DESC LIMIT 1
            """
        return try read("reading invoice transfers") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { statement throws(SQLiteFailure) in
                var found: [String: InvoiceTransfer] = [:]
                for id in Set(severaIDs) {
                    try statement.bind(id, at: 1)
                    if try statement.step() { found[id] = try Self.transfer(from: statement) }
                    statement.reset()
                }
                return found
            }
        }
    }

    /// The transfers whose Fortnox invoice is one of `fortnoxNumbers`.
    public func invoiceTransfers(fortnoxNumbers: [String]) throws(StateStoreError) -> [String: InvoiceTransfer] {
        try transfers(byColumn: "fortnox_number", fortnoxNumbers, doing: "reading invoice transfers by Fortnox number")
    }

    /// The credit-note transfers that credited or cancelled one of `creditedNumbers`, by that number.
    public func invoiceTransfers(creditedNumbers: [String]) throws(StateStoreError) -> [String: InvoiceTransfer] {
        try transfers(
            byColumn: "credited_number", creditedNumbers, doing: "reading credit-note transfers by credited invoice")
    }

    /// The transfer whose `column` is each of `numbers` (the first found), by that number.
    private func transfers(
        byColumn column: String, _ numbers: [String], doing what: String
    ) throws(StateStoreError) -> [String: InvoiceTransfer] {
        guard !numbers.isEmpty else { return [:] }
        let sql = "SELECT \(Self.transferColumns) FROM invoice_transfers WHERE \(column) = ?"
        return try read(what) { database throws(SQLiteFailure) in
            try database.withStatement(sql) { statement throws(SQLiteFailure) in
                var found: [String: InvoiceTransfer] = [:]
                for number in Set(numbers) {
                    try statement.bind(number, at: 1)
                    if try statement.step() { found[number] = try Self.transfer(from: statement) }
                    statement.reset()
                }
                return found
            }
        }
    }

    /// The current transfers whose Severa status move is not confirmed, oldest first.
    public func invoiceTransfersAwaitingStatusMove() throws(StateStoreError) -> [InvoiceTransfer] {
        let sql = """
            SELECT \(Self.transferColumns) FROM invoice_transfers
            WHERE stage = 'created' AND superseded_at IS NULL ORDER BY created_at, severa_guid
            """
        return try rows("reading invoice transfers awaiting their status move", sql)
    }

    /// The Fortnox numbers of current invoice transfers whose paid state is not settled.
    public func unpaidInvoiceNumbers() throws(StateStoreError) -> Set<String> {
        let sql = """
            SELECT fortnox_number FROM invoice_transfers WHERE kind = 'invoice' AND fortnox_number IS NOT NULL
            AND superseded_at IS NULL AND paid_outcome IS NULL
            """
        return try read("reading the unpaid transferred invoices") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { row throws(SQLiteFailure) in
                var numbers: Set<String> = []
                while try row.step() {
                    if let number = row.string(at: 0) { numbers.insert(number) }
                }
                return numbers
            }
        }
    }

    /// Counts for `brygga status`: current transfers, those awaiting the status move, paid, and skipped
    /// because of a manual step (R6.2).
    public func invoiceTransferCounts() throws(StateStoreError) -> InvoiceTransferCounts {
        let sql = """
            SELECT count(*), count(*) FILTER (WHERE stage = 'created'),
            count(*) FILTER (WHERE paid_outcome IN ('moved', 'already_paid')),
            count(*) FILTER (WHERE paid_outcome = 'manual_step')
            FROM invoice_transfers WHERE superseded_at IS NULL
            """
        return try read("counting invoice transfers") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { row throws(SQLiteFailure) in
                guard try row.step() else { return InvoiceTransferCounts() }
                return InvoiceTransferCounts(
                    transferred: Int(row.int64(at: 0) ?? 0), awaitingStatusMove: Int(row.int64(at: 1) ?? 0),
                    paid: Int(row.int64(at: 2) ?? 0), skippedManualStep: Int(row.int64(at: 3) ?? 0))
            }
        }
    }

    /// The attachment states of generation `generation` of Severa invoice `severaID`.
    public func attachmentTransfers(severaID: String, generation: Int) throws(StateStoreError)
        -> [AttachmentTransfer]
    {
        let sql = """
            SELECT severa_file_guid, fortnox_file_id, attachment_id, skip_reason FROM invoice_attachments
            WHERE severa_guid = ? AND generation = ? ORDER BY severa_file_guid
            """
        return try read("reading invoice attachment states") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { row throws(SQLiteFailure) in
                try row.bind(severaID, at: 1)
                try row.bind(generation, at: 2)
                var states: [AttachmentTransfer] = []
                while try row.step() {
                    states.append(
                        AttachmentTransfer(
                            severaID: severaID, generation: generation,
                            fileID: try row.requiredString(at: 0, column: "invoice_attachments.severa_file_guid"),
                            fortnoxFileID: row.string(at: 1), attachmentID: row.string(at: 2),
                            skipReason: row.string(at: 3)))
                }
                return states
            }
        }
    }

    /// Which of `sourceIDs` (of `entity`) have note `note` logged already.
    public func loggedNotes(entity: EntityKind, note: String, sourceIDs: [String]) throws(StateStoreError)
        -> Set<String>
    {
        guard !sourceIDs.isEmpty else { return [] }
        let sql = "SELECT 1 FROM logged_notes WHERE entity = ? AND note = ? AND source_id = ?"
        return try read("reading logged notes") { database throws(SQLiteFailure) in
            try database.withStatement(sql) { statement throws(SQLiteFailure) in
                var found: Set<String> = []
                for id in Set(sourceIDs) {
                    try statement.bind(entity.rawValue, at: 1)
                    try statement.bind(note, at: 2)
                    try statement.bind(id, at: 3)
                    if try statement.step() { found.insert(id) }
                    statement.reset()
                }
                return found
            }
        }
    }

    private func rows(_ operation: String, _ sql: String) throws(StateStoreError) -> [InvoiceTransfer] {
        try read(operation) { database throws(SQLiteFailure) in
            try database.withStatement(sql) { row throws(SQLiteFailure) in
                var transfers: [InvoiceTransfer] = []
                while try row.step() { transfers.append(try Self.transfer(from: row)) }
                return transfers
            }
        }
    }

    /// Decodes a row selected with ``transferColumns``.
    private static func transfer(from row: Statement) throws(SQLiteFailure) -> InvoiceTransfer {
        InvoiceTransfer(
            severaID: try row.requiredString(at: 0, column: "invoice_transfers.severa_guid"),
            generation: Int(try row.requiredInt64(at: 1, column: "invoice_transfers.generation")),
            severaNumber: row.string(at: 2),
            kind: try row.requiredValue(InvoiceTransferKind.self, at: 3, column: "invoice_transfers.kind"),
            fortnoxNumber: row.string(at: 4), creditedNumber: row.string(at: 5),
            stage: try row.requiredValue(InvoiceTransferStage.self, at: 6, column: "invoice_transfers.stage"),
            createdAt: try row.requiredDate(at: 7, column: "invoice_transfers.created_at"),
            movedAt: row.date(at: 8),
            paidOutcome: try row.value(PaidOutcome.self, at: 9, column: "invoice_transfers.paid_outcome"),
            paidAt: row.date(at: 10), supersededAt: row.date(at: 11))
    }

    /// Stores `transfers`, each replacing the row of its Severa invoice and generation.
    static func storeInvoiceTransfers(_ transfers: [InvoiceTransfer], in database: Database) throws(SQLiteFailure) {
        guard !transfers.isEmpty else { return }
        // Not INSERT OR REPLACE: that would silently delete another invoice's row holding the same Fortnox
        // number; the unique index must fail the commit instead.
        let sql = """
            INSERT INTO invoice_transfers (\(transferColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (severa_guid, generation) DO UPDATE SET severa_number = excluded.severa_number,
            kind = excluded.kind, fortnox_number = excluded.fortnox_number, credited_number = excluded.credited_number,
            stage = excluded.stage, created_at = excluded.created_at, moved_at = excluded.moved_at,
            paid_outcome = excluded.paid_outcome, paid_at = excluded.paid_at, superseded_at = excluded.superseded_at
            """
        try database.withStatement(sql) { statement throws(SQLiteFailure) in
            for transfer in transfers {
                try statement.bind(transfer.severaID, at: 1)
                try statement.bind(transfer.generation, at: 2)
                try statement.bind(transfer.severaNumber, at: 3)
                try statement.bind(transfer.kind.rawValue, at: 4)
                try statement.bind(transfer.fortnoxNumber, at: 5)
                try statement.bind(transfer.creditedNumber, at: 6)
                try statement.bind(transfer.stage.rawValue, at: 7)
                try statement.bind(transfer.createdAt.epochMilliseconds, at: 8)
                try statement.bind(transfer.movedAt?.epochMilliseconds, at: 9)
                try statement.bind(transfer.paidOutcome?.rawValue, at: 10)
                try statement.bind(transfer.paidAt?.epochMilliseconds, at: 11)
                try statement.bind(transfer.supersededAt?.epochMilliseconds, at: 12)
                try statement.run()
                statement.reset()
            }
        }
    }

    /// Stores attachment states, each replacing the row of its file.
    static func storeAttachments(_ states: [AttachmentTransfer], in database: Database) throws(SQLiteFailure) {
        guard !states.isEmpty else { return }
        let sql = """
            INSERT OR REPLACE INTO invoice_attachments (severa_guid, generation, severa_file_guid, fortnox_file_id,
            attachment_id, skip_reason) VALUES (?, ?, ?, ?, ?, ?)
            """
        try database.withStatement(sql) { statement throws(SQLiteFailure) in
            for state in states {
                try statement.bind(state.severaID, at: 1)
                try statement.bind(state.generation, at: 2)
                try statement.bind(state.fileID, at: 3)
                try statement.bind(state.fortnoxFileID, at: 4)
                try statement.bind(state.attachmentID, at: 5)
                try statement.bind(state.skipReason, at: 6)
                try statement.run()
                statement.reset()
            }
        }
    }

    /// Remembers logged notes.
    static func storeNotes(_ notes: [LoggedNote], in database: Database) throws(SQLiteFailure) {
        guard !notes.isEmpty else { return }
        let sql = "INSERT OR IGNORE INTO logged_notes (entity, source_id, note) VALUES (?, ?, ?)"
        try database.withStatement(sql) { statement throws(SQLiteFailure) in
            for note in notes {
                try statement.bind(note.entity.rawValue, at: 1)
                try statement.bind(note.sourceID, at: 2)
                try statement.bind(note.note, at: 3)
                try statement.run()
                statement.reset()
            }
        }
    }
}
