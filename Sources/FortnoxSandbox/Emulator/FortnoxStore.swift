/// Everything the emulated company holds: the record tables, counters, settings, inbox files and
/// invoice attachments. Guarded by the emulator's mutex; all methods run under it.
struct FortnoxStore: Sendable {
    /// The records of each resource, by ``FortnoxResource/ordinal``.
    private var tables: [RecordTable] = Array(repeating: RecordTable(), count: FortnoxResource.allCases.count)
    /// Whether project accounting is switched on in the company's settings.
    var projectAccountingEnabled: Bool
    /// Whether a payment moves its invoice's `lastmodified` (an emulator switch, not company state).
    var paymentsTouchInvoices = true
    /// The last invoice `RowId` handed out (RowIds are unique across invoices and reassigned on every
    /// update [spec]).
    var lastRowId = 0
    /// The last voucher number handed out per voucher series.
    var lastVoucherNumbers: [String: Int] = [:]
    /// Files uploaded to the inbox.
    var inbox = InboxStore()
    /// Files attached to invoices through `/api/fileattachments`.
    var attachments = AttachmentStore()

    /// Creates an empty company.
    init(projectAccountingEnabled: Bool) {
        self.projectAccountingEnabled = projectAccountingEnabled
    }

    /// The table of `resource`.
    func table(_ resource: FortnoxResource) -> RecordTable {
        tables[resource.ordinal]
    }

    /// Runs `body` on the table of `resource` in place (no copy of its records).
    mutating func modifyTable<Result>(_ resource: FortnoxResource, _ body: (inout RecordTable) -> Result) -> Result {
        body(&tables[resource.ordinal])
    }

    /// Replaces the table of `resource`.
    mutating func setTable(_ resource: FortnoxResource, _ table: RecordTable) {
        tables[resource.ordinal] = table
    }

    /// The stored values of the record `key` of `resource`, or `nil`.
    func values(_ resource: FortnoxResource, _ key: String) -> FieldValues? {
        guard let stored = tables[resource.ordinal][key] else { return nil }
        return stored.record.values(FortnoxHandlers.handler(for: resource).definition.schema)
    }

    /// Whether a record `key` of `resource` exists.
    func exists(_ resource: FortnoxResource, _ key: String) -> Bool {
        tables[resource.ordinal][key] != nil
    }

    /// Stores `values` under `key` as a write made now (creates or replaces). With `touch` off an
    /// existing record keeps its modification stamp (a side effect `lastmodified` does not see).
    mutating func store(
        _ resource: FortnoxResource, _ key: String, _ values: FieldValues, context: RequestContext, touch: Bool = true
    ) {
        let previous = touch ? nil : tables[resource.ordinal][key]?.modified
        let stored = StoredRecord(record: CompactRecord(values), modified: previous ?? context.stamp)
        tables[resource.ordinal].upsert(key, stored)
    }

    /// The next voucher number of `series` (`B` for customer invoices, `C` for payments, …).
    mutating func nextVoucherNumber(series: String) -> Int {
        let next = (lastVoucherNumbers[series] ?? 0) + 1
        lastVoucherNumbers[series] = next
        return next
    }

    /// The next invoice row id.
    mutating func nextRowId() -> Int {
        lastRowId += 1
        return lastRowId
    }
}
