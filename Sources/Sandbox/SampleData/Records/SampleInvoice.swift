import Foundation
import JSONSupport

/// A sample Severa customer invoice of a project, in one of the organisation's invoice statuses, with
/// rows that reference products by code (R4), and optionally a number, attachments or the invoice it
/// credits.
struct SampleInvoice: Sendable {
    /// One invoice row.
    struct Row: Sendable {
        var guid: String
        /// The product, work type or travel expense code; `nil` for a row without one (a text row, or a
        /// priced row booked by its sales account).
        var code: String?
        var description: String
        /// The quantity as an exact decimal literal (`7.5`, `-2`).
        var quantity: String
        /// The unit price in the invoice's currency, in cents.
        var unitPriceCents: Int
        /// The VAT rate as a decimal literal (`25`, `25.5`).
        var vatRate: String
        var unit: String
        /// `ProjectFees`, `Hours` or `TravelExpenses`.
        var rowType: String
        /// The sales account number (`3001`, `3041`, `3540`).
        var salesAccount: String
        /// The cost center identifier; `nil` takes the project's.
        var costCenter: String?

        /// A row of `product`, typed and booked as its register says.
        init(
            guid: String, product: SampleProduct, quantity: String, unitPriceCents: Int, vatRate: Int,
            description: String? = nil, costCenter: String? = nil
        ) {
            let (rowType, account) =
                switch product.register {
                case .product: ("ProjectFees", "3001")
                case .workType: ("Hours", "3041")
                case .travelExpense: ("TravelExpenses", "3540")
                }
            self.init(
                guid: guid, code: product.code, description: description ?? product.name, quantity: quantity,
                unitPriceCents: unitPriceCents, vatRate: String(vatRate), unit: product.unit, rowType: rowType,
                salesAccount: account, costCenter: costCenter)
        }

        /// A row as given.
        init(
            guid: String, code: String?, description: String, quantity: String, unitPriceCents: Int,
            vatRate: String, unit: String, rowType: String, salesAccount: String, costCenter: String? = nil
        ) {
            self.guid = guid
            self.code = code
            self.description = description
            self.quantity = quantity
            self.unitPriceCents = unitPriceCents
            self.vatRate = vatRate
            self.unit = unit
            self.rowType = rowType
            self.salesAccount = salesAccount
            self.costCenter = costCenter
        }
    }

    /// An attachment (`InvoiceFileModel` and its contents).
    struct File: Sendable {
        var guid: String
        var name: String
        var contentType: String
        var contents: Data
        /// `isInternal`; `nil` leaves it unset.
        var isInternal: Bool?
    }

    /// The invoice statuses the sample organisation has, in Severa's order.
    static let statusNames = ["Draft", "Ready for transfer", "Transferred", "Paid", "Error"]

    var guid: String
    var project: SampleProject
    /// The status name (one of ``statusNames``).
    var status: String
    /// The invoice date, `YYYY-MM-DD`.
    var date: String
    /// The customer's order number (a field that does not carry over to Fortnox, R4.6), if any.
    var orderNumber: String?
    var rows: [Row]
    /// An explicit invoice number (as if numbered earlier); `nil` lets the status decide.
    var number: Int?
    /// The guid of the invoice this one credits, when it is a credit note.
    var credits: String?
    /// The attachments, in their sort order.
    var files: [File] = []

    /// Regular invoice `index` of `project`, with one to four rows of `products` (which must not be
    /// empty). Statuses: 30 % Draft, 30 % Ready for transfer, 20 % Transferred, 10 % Paid, 10 % Error.
    static func regular(
        index: Int, project: SampleProject, domestic: Bool, products: [SampleProduct], seed: UInt64
    ) -> SampleInvoice {
        var random = SampleRandom(seed: seed, "invoice", String(index))
        let status =
            switch index % 10 {
            case 0...2: "Draft"
            case 3...5: "Ready for transfer"
            case 6, 7: "Transferred"
            case 8: "Paid"
            default: "Error"
            }
        let guid = random.guid()
        let rows = (0..<random.int(1...4)).map { _ in
            let product = random.pick(products)
            return Row(
                guid: random.guid(), product: product, quantity: quantity(of: product, &random),
                unitPriceCents: convert(product.priceCents, to: project.currency),
                vatRate: domestic ? product.vatRate : 0)
        }
        return SampleInvoice(
            guid: guid, project: project, status: status, date: SampleDates.day(random.below(330)),
            orderNumber: random.chance(30) ? "PO-\(random.int(10_000...99_999))" : nil, rows: rows)
    }

    /// A plausible quantity for a row of `product`.
    private static func quantity(of product: SampleProduct, _ random: inout SampleRandom) -> String {
        switch product.register {
        case .workType: return random.chance(30) ? "\(random.int(1...39)).5" : String(random.int(1...40))
        case .travelExpense: return String(product.unit == "km" ? random.int(10...600) : random.int(1...5))
        case .product: return String(random.int(1...10))
        }
    }

    /// `cents` (SEK) in `currency` at the sample organisation's rates (NOK 0.98, EUR 11.45).
    static func convert(_ cents: Int, to currency: String) -> Int {
        switch currency {
        case "NOK": (cents * 100 + 49) / 98
        case "EUR": (cents * 100 + 572) / 1145
        default: cents
        }
    }

    /// Severa's invoice seed model.
    func severaModel(_ ids: SeveraReferenceIDs) -> JSONValue {
        var model: [String: JSONValue] = [
            "guid": .string(guid), "customer": SeveraReferenceIDs.reference(project.customerGuid),
            "projects": [SeveraReferenceIDs.reference(project.guid)],
            "status": SeveraReferenceIDs.reference(ids.invoiceStatuses[status]), "date": .string(date),
            "paymentTerm": 30, "ourReference": "Anna Andersson",
        ]
        if let orderNumber { model["orderNumber"] = .string(orderNumber) }
        if let number { model["number"] = .number(JSONNumber(number)) }
        if let credits {
            model["isCreditNote"] = true
            model["reimburseInvoice"] = SeveraReferenceIDs.reference(credits)
        }
        return .object(model)
    }

    /// Severa's invoice row seed models.
    func severaRowModels(_ ids: SeveraReferenceIDs) -> [JSONValue] {
        rows.map { row in
            let model: [String: JSONValue] = [
                "guid": .string(row.guid), "invoiceGuid": .string(guid), "rowType": .string(row.rowType),
                "description": .string(row.description),
                "quantity": .number(JSONNumber(literal: row.quantity) ?? JSONNumber(1)),
                "unitPrice": SampleProduct.money(row.unitPriceCents, project.currency),
                "measurementUnit": .string(row.unit),
                "vatRate": .number(JSONNumber(literal: row.vatRate) ?? JSONNumber(0)),
                "code": .array(row.code.map { [.string($0)] } ?? []),
                "costCenter": SeveraReferenceIDs.reference(ids.costCenters[row.costCenter ?? project.costCenter]),
                "salesAccount": SeveraReferenceIDs.reference(ids.salesAccounts[row.salesAccount]),
            ]
            return .object(model)
        }
    }

    /// Severa's invoice file seed models (`data` base64).
    func severaFileModels() -> [JSONValue] {
        files.enumerated().map { order, file in
            var model: [String: JSONValue] = [
                "guid": .string(file.guid), "invoiceGuid": .string(guid), "name": .string(file.name),
                "contentType": .string(file.contentType),
                "data": .string(file.contents.base64EncodedString()), "sortOrder": .number(JSONNumber(order + 1)),
            ]
            if let isInternal = file.isInternal { model["isInternal"] = .bool(isInternal) }
            return .object(model)
        }
    }

    /// `invoice of project 2025001 (Webbplats …)`, for error messages.
    var label: String { "invoice \(number.map(String.init) ?? guid) of \(project.label)" }
}
