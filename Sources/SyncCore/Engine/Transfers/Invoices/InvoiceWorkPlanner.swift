/// Gathers from the state store what each invoice of a chunk needs before its job: its current
/// transfer, whether its customer and project are in Fortnox, and for a credit note the invoice it
/// credits. A few store reads per chunk instead of per invoice.
struct InvoiceWorkPlanner {
    let runner: TransferRunner

    /// The works of `headers`; `unverified` are the guids whose interrupted create could not be checked.
    func works(for headers: [RemoteRecord<Invoice>], unverified: Set<String>) throws(EngineFailure) -> [InvoiceWork] {
        let invoices = headers.map(\.record)
        let ids = headers.map(\.id)
        let originalIDs = invoices.compactMap { $0.isCreditNote ? $0.creditedInvoiceID : nil }
        let transfers = try runner.read { store throws(StateStoreError) in
            try store.invoiceTransfers(severaIDs: ids + originalIDs)
        }
        let customers = try linkedKeys(.customer, Set(invoices.map(\.customerNumber)))
        let projects = try linkedKeys(.project, Set(invoices.compactMap(\.projectNumber)))
        let originalLinks = try runner.read { store throws(StateStoreError) in
            try store.links(entity: .invoice, side: .projectManagement, ids: originalIDs)
        }
        let pendingNumbers = ids.compactMap { id in
            transfers[id].flatMap { $0.kind == .invoice && $0.stage == .created ? $0.fortnoxNumber : nil }
        }
        let voidingCreditNotes = try runner.read { store throws(StateStoreError) in
            try store.invoiceTransfers(creditedNumbers: pendingNumbers)
        }
        return headers.map { header in
            let invoice = header.record
            let original = invoice.creditedInvoiceID
            return InvoiceWork(
                header: header, current: transfers[header.id],
                originalTransfer: original.flatMap { transfers[$0] },
                originalInvoice: original.flatMap { originalLinks[$0] }.flatMap {
                    try? Invoice(canonicalJSON: $0.pmSnapshot)
                },
                voidingCreditNote: transfers[header.id].flatMap { $0.fortnoxNumber }.flatMap { voidingCreditNotes[$0] },
                customerLinked: customers.contains(invoice.customerNumber),
                projectLinked: invoice.projectNumber.map(projects.contains) ?? true,
                intentID: nil, unverified: unverified.contains(header.id.lowercased()))
        }
    }

    /// Which of `keys` of `entity` are linked, or would be by this dry run.
    private func linkedKeys(_ entity: EntityKind, _ keys: Set<String>) throws(EngineFailure) -> Set<String> {
        guard !keys.isEmpty else { return [] }
        let links = try runner.read { store throws(StateStoreError) in
            try store.links(entity: entity, naturalKeys: Array(keys))
        }
        let planned = runner.isDryRun ? keys.intersection(runner.context.plannedLinks[entity] ?? []) : []
        return Set(links.keys).union(planned)
    }
}
