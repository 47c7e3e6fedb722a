import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import SeveraSandbox
import SyncCore
import Testing

/// One row of a Severa invoice to seed.
struct SeveraInvoiceRow {
    var code: String?
    var description = "Konsulttimmar"
    var quantity = "2"
    var price = "950"
    var vat = 25
    var unit: String? = "st"
    var costCenter: String?
    var salesAccount: String? = "3001"
}

/// The money flows as their users see them: invoices in Severa in a status, the accountant booking,
/// paying and crediting in Fortnox, supplier invoices booked to projects.
extension ScenarioBed {
    /// The statuses the scenarios configure: the sandbox organisation's own.
    static let trigger = "Ready for transfer"
    static let received = "Transferred"
    static let paid = "Paid"

    /// Turns the invoice flow on (with the paid state when `paid`), after the master-data flows.
    func enableInvoices(
        paid: Bool = true, attachments: Bool = false, fees: Bool = false,
        adjust: (inout InvoiceFlowSettings) -> Void = { _ in }
    ) {
        var settings = InvoiceFlowSettings(
            triggerStatus: Self.trigger, receivedStatus: Self.received, paidStatus: paid ? Self.paid : nil,
            attachments: attachments)
        adjust(&settings)
        configuration.invoices = settings
        configuration.enabledFlows.formUnion(paid ? [.invoice, .paidState] : [.invoice])
        if fees { configuration.enabledFlows.insert(.projectFee) }
    }

    /// A Severa customer and project with the same number, and products `codes`: what an invoice refers to.
    ///
    /// - Returns: The customer's and the project's guids.
    @discardableResult
    func seedInvoiceParties(number: Int64, products codes: [String] = ["100"]) throws -> (
        customer: String, project: String
    ) {
        let customer = try seedSeveraCustomer(number, "Kund \(number) AB")
        let project = try seedSeveraProject(number, "Projekt \(number)", customer: customer)
        for code in codes { try seedSeveraProduct(code: code, name: "Vara \(code)", unit: "st", price: "950") }
        return (customer, project)
    }

    /// Seeds a Severa invoice of `customer` (and `project`) in status `status` with `rows`; returns its guid.
    @discardableResult
    func seedSeveraInvoice(
        customer: String, project: String?, status: String = ScenarioBed.trigger, currency: String = "SEK",
        rows: [SeveraInvoiceRow], extra: [String: JSONValue] = [:]
    ) throws -> String {
        var model: [String: JSONValue] = [
            "customer": ["guid": .string(customer)], "status": ["guid": .string(try statusID(status))],
            "date": "2026-01-15", "dueDate": "2026-02-14", "ourReference": "Anna Andersson",
            "currency": ["guid": .string(try #require(severaReferences.currencies[currency]))],
        ]
        if let project { model["projects"] = [["guid": .string(project)]] }
        model.merge(extra) { _, new in new }
        let invoice = try #require(try sandbox.severa.seed(.invoices, .object(model))["guid"]?.stringValue)
        for (index, row) in rows.enumerated() {
            var fields: [String: JSONValue] = [
                "invoiceGuid": .string(invoice), "rowType": "ProjectFees", "description": .string(row.description),
                "quantity": try Self.number(row.quantity),
                "unitPrice": ["amount": try Self.number(row.price), "currencyCode": .string(currency)],
                "vatRate": .number(JSONNumber(row.vat)), "sortOrder": .number(JSONNumber(index + 1)),
                "code": row.code.map { [.string($0)] } ?? [],
            ]
            if let unit = row.unit { fields["measurementUnit"] = .string(unit) }
            if let costCenter = row.costCenter { fields["costCenter"] = ["number": .string(costCenter), "name": "KS"] }
            if let account = row.salesAccount {
                fields["salesAccount"] = ["number": .string(account), "name": "Försäljning"]
            }
            try sandbox.severa.seed(.invoicerows, .object(fields))
        }
        return invoice
    }

    /// The guid of the Severa invoice status named `name`.
    func statusID(_ name: String) throws -> String {
        try #require(severaReferences.invoiceStatuses[name], "no Severa invoice status \(name)")
    }

    /// The name of the status Severa invoice `guid` is in.
    func severaInvoiceStatus(_ guid: String) throws -> String? {
        try severaUser(.get, "/v1/invoices/\(guid)")["status"]?["name"]?.stringValue
    }

    /// Moves Severa invoice `guid` to status `name`, as a Severa user would.
    func moveSeveraInvoice(_ guid: String, to name: String) throws {
        try severaUser(
            .patch, "/v1/invoices/\(guid)",
            body: [["op": "replace", "path": "/status/guid", "value": .string(try statusID(name))]])
    }

    /// Every Fortnox customer invoice carrying `reference` in `ExternalInvoiceReference1`, in full.
    func fortnoxInvoices(reference: String) async throws -> [JSONValue] {
        let list = try await fortnoxUser(.get, "/3/invoices?externalinvoicereference1=\(reference)")
        var invoices: [JSONValue] = []
        for item in list?["Invoices"]?.arrayValue ?? []
        where item["ExternalInvoiceReference1"]?.stringValue == reference {
            guard let number = item["DocumentNumber"]?.stringValue else { continue }
            if let invoice = try await fortnoxUser(.get, "/3/invoices/\(number)")?["Invoice"] {
                invoices.append(invoice)
            }
        }
        return invoices
    }

    /// The one Fortnox invoice of Severa invoice `guid`.
    func fortnoxInvoice(of guid: String) async throws -> JSONValue {
        let invoices = try await fortnoxInvoices(reference: guid)
        guard invoices.count == 1, let invoice = invoices.first else {
            throw ScenarioError("expected one Fortnox invoice of \(guid), found \(invoices.count)")
        }
        return invoice
    }

    /// The accountant books Fortnox invoice `number`.
    func bookkeep(_ number: String) async throws {
        try await fortnoxUser(.put, "/3/invoices/\(number)/bookkeep")
    }

    /// The accountant registers a payment of `amount` (the whole balance when `nil`) on `number`.
    func pay(_ number: String, amount: String? = nil, on date: String = "2026-02-01") async throws {
        var payment: [String: JSONValue] = ["InvoiceNumber": .string(number), "PaymentDate": .string(date)]
        if let amount { payment["Amount"] = try Self.number(amount) }
        try await fortnoxUser(.post, "/3/invoicepayments", json: ["InvoicePayment": .object(payment)])
    }

    /// The accountant credits booked invoice `number`; returns the credit invoice's number.
    @discardableResult
    func credit(_ number: String) async throws -> String {
        let answer = try await fortnoxUser(.put, "/3/invoices/\(number)/credit")
        return try #require(answer?["Invoice"]?["CreditInvoiceReference"]?.stringValue)
    }

    /// The accountant cancels unbooked invoice `number`.
    func cancel(_ number: String) async throws {
        try await fortnoxUser(.put, "/3/invoices/\(number)/cancel")
    }

    /// Makes Fortnox invoice `number` settled without a `FinalPayDate`, as some Fortnox answers are
    /// reported to be (MONEY-FLOWS §2.3 a): the emulator's state is exported, changed and imported.
    func dropFinalPayDate(_ number: String) throws {
        let state = sandbox.fortnox.exportState()
        guard case .object(var root) = state, case .object(var tables)? = root["tables"],
            case .object(var invoices)? = tables["invoices"], case .array(let records)? = invoices["records"]
        else { throw ScenarioError("unexpected Fortnox state") }
        invoices["records"] = .array(
            records.map { record in
                guard record["key"]?.stringValue == number, case .object(var stored) = record,
                    case .object(var fields)? = stored["fields"]
                else { return record }
                fields["FinalPayDate"] = nil
                stored["fields"] = .object(fields)
                return .object(stored)
            })
        tables["invoices"] = .object(invoices)
        root["tables"] = .object(tables)
        try sandbox.fortnox.importState(.object(root))
    }

    /// Seeds a Fortnox supplier with `number`.
    func seedSupplier(_ number: String = "1") throws {
        try seedFortnox(.suppliers, ["SupplierNumber": .string(number), "Name": "Leverantören AB"])
    }

    /// Seeds a supplier invoice of supplier 1 with `rows` (project, article, net amount) and books it;
    /// returns its `GivenNumber`.
    @discardableResult
    func seedBookedSupplierInvoice(
        _ rows: [(project: String?, article: String?, amount: String)], invoiceNumber: String = "F-1", book: Bool = true
    ) async throws -> String {
        let models: [JSONValue] = try rows.map { row in
            var fields: [String: JSONValue] = [
                "Account": 4010, "Debit": try Self.number(row.amount), "ItemDescription": "Material", "Quantity": 1,
            ]
            if let project = row.project { fields["Project"] = .string(project) }
            if let article = row.article { fields["ArticleNumber"] = .string(article) }
            return .object(fields)
        }
        let stored = try seedFortnox(
            .supplierinvoices,
            [
                "SupplierNumber": "1", "InvoiceNumber": .string(invoiceNumber), "InvoiceDate": "2026-01-10",
                "DueDate": "2026-02-09", "Currency": "SEK", "SupplierInvoiceRows": .array(models),
            ])
        let given = try #require(stored["GivenNumber"]?.stringValue)
        if book { try await fortnoxUser(.put, "/3/supplierinvoices/\(given)/bookkeep") }
        return given
    }

    /// The fees of Severa project `projectGuid`.
    func severaFees(project projectGuid: String) throws -> [JSONValue] {
        try severaUser(.get, "/v1/projects/\(projectGuid)/projectfees").arrayValue ?? []
    }
}
