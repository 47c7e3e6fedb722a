import Foundation
import JSONSupport
import SandboxKit

/// `POST /v1/invoices` (`CreateInvoiceModel`): invoices made from projects, one per project unless
/// `groupProjects`, with a row for each billable fee not yet invoiced.
///
/// UNVERIFIED: the exact mechanics. The emulator bills the projects' uninvoiced billable fees (one
/// `ProjectFees` row per fee) and links each fee to its row; hours and travel are not emulated.
enum InvoiceCreation {
    /// Creates the invoices and returns them in project order.
    ///
    /// - Throws: ``SeveraAPIError`` 400 for a malformed body or unknown project, status or customer;
    ///   nothing is created then.
    static func create(_ store: inout SeveraStore, body: JSONValue, now: Int64) throws(SeveraAPIError)
        -> [StoredRecord]
    {
        guard body.objectValue != nil else { throw .invalidRequest("The request body must be a JSON object.") }
        guard let list = body.member(caseInsensitive: "projects")?.arrayValue, !list.isEmpty else {
            throw .invalidParameter("Projects is required.", name: "projects")
        }
        var projects: [(guid: UUID, customer: UUID)] = []
        for (index, entry) in list.enumerated() {
            let text = entry.member(caseInsensitive: "guid")?.stringValue
            guard let guid = text.flatMap(SeveraGUID.parse), let project = store.record(.projects, guid),
                let customer = store.reference(.projects, project, "customer")
            else {
                throw .invalidParameter(
                    "Project with guid '\(text ?? "")' was not found.", name: "projects[\(index)].guid")
            }
            projects.append((guid, customer))
        }
        let grouped = body.member(caseInsensitive: "groupProjects")?.boolValue ?? false
        if grouped, Set(projects.map(\.customer)).count > 1 {
            // INVENTED: grouped projects must share a customer.
            throw .invalidOperation("Grouped projects must belong to the same customer.", name: "groupProjects")
        }
        let groups = grouped ? [projects] : projects.map { [$0] }
        var drafts: [RecordDraft] = []
        for group in groups {
            var model: [String: JSONValue] = [
                "customer": SeveraDefinitions.guidOnly(group[0].customer),
                "projects": .array(group.map { SeveraDefinitions.guidOnly($0.guid) }),
            ]
            if let status = body.member(caseInsensitive: "invoiceStatusGuid"), !status.isNull {
                model["status"] = ["guid": status]
            }
            if let billing = body.member(caseInsensitive: "billingCustomerGuid"), !billing.isNull {
                model["billingCustomer"] = ["guid": billing]
            }
            if let date = body.member(caseInsensitive: "date"), !date.isNull { model["date"] = date }
            drafts.append(try store.draftForCreate(.invoices, body: .object(model), mode: .seed, now: now))
        }
        var created: [StoredRecord] = []
        for (draft, group) in zip(drafts, groups) {
            store.commit(draft)
            for project in group { billFees(&store, project: project.guid, invoice: draft.guid, now: now) }
            if let invoice = store.record(.invoices, draft.guid) { created.append(invoice) }
        }
        return created
    }

    /// Attaches each billable, uninvoiced fee of `project` to `invoice` (which gives it a row).
    private static func billFees(_ store: inout SeveraStore, project: UUID, invoice: UUID, now: Int64) {
        for position in store[.projectFees].childPositions(of: project).map(Int.init) {
            let fee = store[.projectFees].records[position]
            let billable = store.value(.projectFees, fee, "isBillable")?.boolValue ?? true
            guard billable, store.reference(.projectFees, fee, "invoice") == nil else { continue }
            store.updateValues(.projectFees, position: position, now: now) { feeDraft in
                feeDraft.set("invoice", .string(SeveraGUID.string(invoice)))
            }
            FeeInvoicing.syncRow(&store, feePosition: position, now: now)
        }
    }
}
