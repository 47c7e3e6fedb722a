import JSONSupport

/// A sample Fortnox supplier invoice whose cost rows are booked to projects and cost centers, the
/// source of Severa project fees (R5).
struct SampleSupplierInvoice: Sendable {
    /// One cost row.
    struct Row: Sendable {
        /// The cost account (4010 goods, 4600 subcontracting, 5710 freight).
        var account: Int
        /// The article, when the row has one (R5.3).
        var articleNumber: String?
        var description: String
        var quantity: Int
        var priceCents: Int
        /// The project number the row is booked to, if any.
        var project: String?
        /// The cost center code (`100`, `200`), if any.
        var costCenter: String?
    }

    var supplierNumber: String
    /// The supplier's own invoice number.
    var invoiceNumber: String
    /// The invoice date as days after 2025-01-01 (below 335); due 30 days later.
    var invoiceDay: Int
    var rows: [Row]

    /// Regular supplier invoice `index`: one to three rows of `products` (bought at cost), booked to
    /// `projects` when there are any.
    static func regular(index: Int, products: [SampleProduct], projects: [SampleProject], seed: UInt64)
        -> SampleSupplierInvoice
    {
        var random = SampleRandom(seed: seed, "supplier-invoice", String(index))
        let supplier = SampleSuppliers.all[index % SampleSuppliers.all.count]
        let rows = (0..<random.int(1...3)).map { _ in
            let product = random.pick(products)
            let project = projects.isEmpty ? nil : random.pick(projects)
            let isSubcontracting = product.register == .product(type: "Subcontracting") || product.register == .workType
            return Row(
                account: isSubcontracting ? 4600 : 4010, articleNumber: product.articleNumber,
                description: product.fortnoxName ?? product.name,
                quantity: product.register == .workType ? random.int(4...60) : random.int(1...12),
                priceCents: max(product.costCents, 100), project: project.map { String($0.number) },
                costCenter: project?.costCenter)
        }
        return SampleSupplierInvoice(
            supplierNumber: supplier.number, invoiceNumber: "\(supplier.invoicePrefix)\(20_250_000 + index * 7 + 1)",
            invoiceDay: random.below(330), rows: rows)
    }

    /// The Fortnox supplier invoice: the rows as debits, 25 % input VAT; Fortnox adds the VAT and
    /// accounts-payable rows itself.
    func fortnoxModel() -> JSONValue {
        var net = 0
        let rows: [JSONValue] = rows.map { row in
            let debit = row.quantity * row.priceCents
            net += debit
            var fields: [String: JSONValue] = [
                "Account": .number(JSONNumber(row.account)), "ItemDescription": .string(row.description),
                "Quantity": .number(JSONNumber(row.quantity)), "Price": SampleProduct.amount(row.priceCents),
                "Debit": SampleProduct.amount(debit),
            ]
            if let articleNumber = row.articleNumber { fields["ArticleNumber"] = .string(articleNumber) }
            if let project = row.project { fields["Project"] = .string(project) }
            if let costCenter = row.costCenter { fields["CostCenter"] = .string(costCenter) }
            return .object(fields)
        }
        return [
            "SupplierNumber": .string(supplierNumber), "InvoiceNumber": .string(invoiceNumber),
            "InvoiceDate": .string(SampleDates.day(invoiceDay)), "DueDate": .string(SampleDates.day(invoiceDay + 30)),
            "Currency": "SEK", "VAT": SampleProduct.amount((net + 2) / 4), "SupplierInvoiceRows": .array(rows),
        ]
    }

    /// `supplier invoice F-20250001 of supplier 1`, for error messages.
    var label: String { "supplier invoice \(invoiceNumber) of supplier \(supplierNumber)" }
}

/// The suppliers of the sample Fortnox company.
enum SampleSuppliers {
    /// A supplier.
    struct Supplier: Sendable {
        let number: String
        let name: String
        let country: NordicCountry
        let organisationNumber: String
        let city: String
        let postalCode: String
        let street: String
        /// The prefix of its invoice numbers.
        let invoicePrefix: String

        /// The Fortnox supplier.
        func fortnoxModel() -> JSONValue {
            [
                "SupplierNumber": .string(number), "Name": .string(name),
                "OrganisationNumber": .string(organisationNumber),
                "VATNumber": .string(OrganisationNumber.vatNumber(for: organisationNumber, countryCode: country.code)),
                "Address1": .string(street), "ZipCode": .string(postalCode), "City": .string(city),
                "CountryCode": .string(country.code), "Currency": "SEK", "TermsOfPayment": "30",
                "Email": .string("faktura@\(CompanyNames.slug(name)).\(country.domain)"),
            ]
        }
    }

    /// Five suppliers; the organisation numbers carry valid check digits.
    static let all: [Supplier] = [
        Supplier(
            number: "1", name: "Kontorsgrossisten Norden AB", country: .sweden, organisationNumber: "556712-3459",
            city: "Stockholm", postalCode: "117 43", street: "Hornsgatan 120", invoicePrefix: "KG-"),
        Supplier(
            number: "2", name: "Nätverksbolaget i Mälardalen AB", country: .sweden, organisationNumber: "556834-1126",
            city: "Västerås", postalCode: "722 13", street: "Kopparbergsvägen 8", invoicePrefix: "NM"),
        Supplier(
            number: "3", name: "Fjordtekst Oversettelse AS", country: .norway, organisationNumber: "922334455",
            city: "Bergen", postalCode: "5003", street: "Bryggen 14", invoicePrefix: "FT-"),
        Supplier(
            number: "4", name: "Helsingin Ohjelmistopalvelut Oy", country: .finland, organisationNumber: "2345678-0",
            city: "Helsinki", postalCode: "00100", street: "Mannerheimintie 14", invoicePrefix: "HOP"),
        Supplier(
            number: "5", name: "Underkonsult Öst AB", country: .sweden, organisationNumber: "559021-4473",
            city: "Linköping", postalCode: "582 24", street: "Storgatan 33", invoicePrefix: "UÖ-"),
    ]
}
