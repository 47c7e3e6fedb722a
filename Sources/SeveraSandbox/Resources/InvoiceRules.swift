import Foundation
import JSONSupport
import SandboxKit

/// The rules behind invoices and their rows: defaults from the customer, numbering by status, the
/// read-only freeze, totals kept from the rows, and fees attached to and released from invoices.
enum InvoiceRules {
    /// Completes an invoice draft (create, seed or patch).
    static func finish(_ draft: inout RecordDraft, _ store: SeveraStore) throws(SeveraAPIError) {
        if let existing = draft.mode.existing {
            // UNVERIFIED: a read-only status (*Not editable*) blocks every change but the status itself.
            if InvoiceDefinitions.isReadOnly(existing, store) {
                let changed = draft.touchedNames.filter { $0 != "status" }
                if let first = changed.first {
                    throw .invalidOperation(
                        "The invoice is in a read-only status; only its status can be changed, not "
                            + changed.joined(separator: ", ") + ".",
                        name: first)
                }
            }
        } else {
            try applyCreateDefaults(&draft, store)
            try checkCreditNote(draft, store)
        }
        if draft.value("status") == nil {
            throw .invalidParameter("Status is required.", name: "status")
        }
        try normalizeAddress(&draft, "receiverAddress")
        try normalizeAddress(&draft, "senderAddress")
        let status = draft.reference("status").flatMap { store.record(.invoiceStatuses, $0) }
        if draft.value("number") == nil, let status,
            SeveraDefinitions.flag(.invoiceStatuses, status, "hasInvoiceNumber")
        {
            draft.set(
                "number",
                .number(JSONNumber(store.nextNumber(.invoices, floor: InvoiceDefinitions.firstInvoiceNumber))))
        }
        if let number = draft.value("number")?.numberValue?.int64, draft.value("referenceNumber") == nil {
            draft.set("referenceNumber", .string(referenceNumber(number)))
        }
    }

    private static func applyCreateDefaults(_ draft: inout RecordDraft, _ store: SeveraStore) throws(SeveraAPIError) {
        guard let customerGuid = draft.reference("customer"), let customer = store.record(.customers, customerGuid)
        else {
            throw .invalidParameter("Customer is required.", name: "customer")
        }
        draft.setDefault("billingCustomer", .string(SeveraGUID.string(customerGuid)))
        if let status = SeveraDefinitions.defaultRecord(.invoiceStatuses, in: store) {
            draft.setDefault("status", .string(SeveraGUID.string(status.guid)))
        }
        let today = SeveraTime.formatDay(draft.now)
        draft.setDefault("date", .string(today))
        // INVENTED: without a payment term on the customer an invoice gets 14 days.
        draft.setDefault("paymentTerm", store.value(.customers, customer, "paymentTerm") ?? 14)
        if let interest = store.value(.customers, customer, "overdueInterest") {
            draft.setDefault("overdueInterest", interest)
        }
        let term = draft.value("paymentTerm")?.numberValue?.int64 ?? 0
        let day = SeveraTime.dayNumber(draft.string("date") ?? today) ?? 0
        draft.setDefault("dueDate", .string(SeveraTime.formatDay((day + term) * 86_400_000)))
        let currency = store.reference(.customers, customer, "currency") ?? store.organisationCurrency
        draft.setDefault("currency", .string(SeveraGUID.string(currency)))
        if let rate = draft.reference("currency").flatMap({ store.record(.currencies, $0) }).flatMap({
            store.value(.currencies, $0, "rate")
        }) {
            draft.setDefault("currencyRate", rate)
        }
        try applyReceiverDefaults(&draft, store)
        if let root = store.record(.businessUnits, store.rootBusinessUnit) {
            if let name = store.value(.businessUnits, root, "name") { draft.setDefault("senderName", name) }
            if let vat = store.value(.businessUnits, root, "vatNumber") { draft.setDefault("senderVatNumber", vat) }
        }
        try normalizeProjects(&draft, store)
        applyBusinessUnit(&draft, store)
        let code = currencyCode(of: draft.reference("currency"), store)
        for field in InvoiceDefinitions.totalsFields where field.name != "workHoursQuantity" {
            draft.set(field.name, ["amount": 0, "currencyCode": .string(code)])
        }
    }

    /// INVENTED: `invoiceNumberBusinessUnitGuid` is the first project's business unit when a seed does not
    /// set it (the reference leaves open which unit Severa reports; `GET /v1/invoices?projectBusinessUnitGuids=`
    /// suggests the project's). An invoice without projects has none.
    private static func applyBusinessUnit(_ draft: inout RecordDraft, _ store: SeveraStore) {
        guard draft.value("invoiceNumberBusinessUnitGuid") == nil,
            let first = draft.value("projects")?.arrayValue?.first?["guid"]?.stringValue.flatMap(SeveraGUID.parse),
            let project = store.record(.projects, first),
            let unit = store.reference(.projects, project, "businessUnit")
        else { return }
        draft.set("invoiceNumberBusinessUnitGuid", .string(SeveraGUID.string(unit)))
    }

    private static func applyReceiverDefaults(_ draft: inout RecordDraft, _ store: SeveraStore) throws(SeveraAPIError) {
        guard let billing = draft.reference("billingCustomer").flatMap({ store.record(.customers, $0) }) else { return }
        if let name = store.value(.customers, billing, "name") { draft.setDefault("receiverCustomerName", name) }
        if let vat = store.value(.customers, billing, "vatNumber") { draft.setDefault("receiverVatNumber", vat) }
        let addresses = store[.addresses].children(of: billing.guid)
        guard
            let address = addresses.first(where: { SeveraDefinitions.flag(.addresses, $0, "isBillingAddress") })
                ?? addresses.first
        else { return }
        let country = store.reference(.addresses, address, "country").flatMap { store.record(.countries, $0) }
        draft.setDefault(
            "receiverAddress",
            [
                "addressline": store.value(.addresses, address, "addressline") ?? .null,
                "postalCode": store.value(.addresses, address, "postalCode") ?? .null,
                "city": store.value(.addresses, address, "city") ?? .null, "state": .null,
                "country": country.flatMap { store.value(.countries, $0, "name") } ?? .null,
            ])
    }

    /// Checks a seeded `projects` list (`[{"guid"}]`) and stores `[{"guid","name","number"}]`.
    private static func normalizeProjects(_ draft: inout RecordDraft, _ store: SeveraStore) throws(SeveraAPIError) {
        guard let given = draft.value("projects") else {
            draft.set("projects", [])
            return
        }
        guard let list = given.arrayValue else {
            throw .invalidParameter("projects must be an array of {\"guid\"}.", name: "projects")
        }
        var projects: [JSONValue] = []
        for (index, entry) in list.enumerated() {
            let text = entry.member(caseInsensitive: "guid")?.stringValue ?? entry.stringValue
            guard let guid = text.flatMap(SeveraGUID.parse), let project = store.record(.projects, guid) else {
                throw .invalidParameter(
                    "Project with guid '\(text ?? "")' was not found.", name: "projects[\(index)].guid")
            }
            projects.append([
                "guid": .string(SeveraGUID.string(guid)), "name": store.value(.projects, project, "name") ?? .null,
                "number": store.value(.projects, project, "number") ?? .null,
            ])
        }
        draft.set("projects", .array(projects))
    }

    /// Reduces an address object to `{addressline, postalCode, city, state, country}` strings.
    private static func normalizeAddress(_ draft: inout RecordDraft, _ field: String) throws(SeveraAPIError) {
        guard let value = draft.value(field) else { return }
        var address: [String: JSONValue] = [:]
        for key in ["addressline", "postalCode", "city", "state", "country"] {
            let member = value.member(caseInsensitive: key) ?? .null
            guard member.isNull || member.stringValue != nil else {
                throw .invalidParameter("\(field).\(key) must be a string.", name: "\(field).\(key)")
            }
            address[key] = member
        }
        draft.set(field, .object(address))
    }

    /// The currency code of currency `guid`, or the organisation's.
    static func currencyCode(of guid: UUID?, _ store: SeveraStore) -> String {
        let record =
            store.record(.currencies, guid ?? store.organisationCurrency)
            ?? store.record(.currencies, store.organisationCurrency)
        return record.flatMap { store.string(.currencies, $0, "code") } ?? "SEK"
    }

    /// UNVERIFIED: the reference number scheme; the emulator appends a Finnish 7-3-1 check digit.
    static func referenceNumber(_ number: Int64) -> String {
        let digits = String(number).compactMap(\.wholeNumberValue)
        let weights = [7, 3, 1]
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() { sum += digit * weights[offset % 3] }
        return String(number) + String((10 - sum % 10) % 10)
    }
}
