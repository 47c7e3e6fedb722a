import FortnoxSandbox
import JSONSupport
import SeveraSandbox

/// Puts sample records into the two emulators through their `seed` calls (the same validation as the
/// APIs, without auth or rate limits; Severa's quiet variants, which skip rendering a reply nobody
/// reads), counting what went where. A refusal is a generator bug and
/// becomes a ``SampleDataError`` naming the record.
struct SampleSeeder: Sendable {
    let fortnox: FortnoxEmulator
    let severa: SeveraEmulator
    let ids: SeveraReferenceIDs
    var summary = SampleDataSummary()

    /// Adds the sample registers to Severa's reference data (``SampleRegisters``) and reads the guids.
    init(fortnox: FortnoxEmulator, severa: SeveraEmulator) throws(SampleDataError) {
        self.fortnox = fortnox
        self.severa = severa
        try Self.seedSevera(SampleRegisters.severaCostCenterModels(), into: severa)
        let centers = try SeveraReferenceIDs(state: severa.exportState()).costCenters
        try Self.seedSevera(SampleRegisters.severaBusinessUnitModels(costCenters: centers), into: severa)
        self.ids = try SeveraReferenceIDs(state: severa.exportState())
        summary.severa.costCenters = SampleRegisters.severaCostCenters.count
        summary.severa.businessUnits = SampleRegisters.severaBusinessUnits.count
    }

    /// A seeder for emulators already filled by an earlier one (`ids` read from that fill), which adds
    /// no registers.
    init(fortnox: FortnoxEmulator, severa: SeveraEmulator, ids: SeveraReferenceIDs) {
        self.fortnox = fortnox
        self.severa = severa
        self.ids = ids
    }

    private static func seedSevera(_ models: [(SeveraResource, JSONValue, String)], into severa: SeveraEmulator)
        throws(SampleDataError)
    {
        for (resource, model, label) in models {
            do {
                try severa.seedQuietly(resource, model)
            } catch {
                throw SampleDataError(record: "\(label) in Severa", reason: error.description)
            }
        }
    }

    /// The Fortnox registers the records refer to: units, cost centers and suppliers.
    mutating func seedFortnoxRegisters() throws(SampleDataError) {
        for unit in ProductCatalog.fortnoxUnits {
            try fortnox(
                .units,
                [
                    "Code": .string(unit.code), "Description": .string(unit.description),
                    "CodeEnglish": .string(unit.english),
                ],
                "unit \(unit.code)")
            summary.fortnox.units += 1
        }
        for center in SampleRegisters.fortnoxCostCenters {
            try fortnox(
                .costcenters,
                [
                    "Code": .string(center.code), "Description": .string(center.description),
                    "Active": .bool(center.active),
                ],
                "cost center \(center.code)")
            summary.fortnox.costCenters += 1
        }
        for supplier in SampleSuppliers.all {
            try fortnox(.suppliers, supplier.fortnoxModel(), "supplier \(supplier.number) (\(supplier.name))")
            summary.fortnox.suppliers += 1
        }
    }

    /// A customer, with its addresses in Severa.
    mutating func seed(_ customer: SampleCustomer) throws(SampleDataError) {
        try seedInSevera(customer)
        try seedInFortnox(customer)
    }

    /// The Severa side of a customer (nothing when it is in Fortnox only).
    mutating func seedInSevera(_ customer: SampleCustomer) throws(SampleDataError) {
        guard customer.side != .fortnox else { return }
        try severa(.customers, customer.severaModel(ids), customer.label)
        summary.severa.customers += 1
        for address in customer.addresses {
            do {
                try severa.seedAddressQuietly(customerGuid: customer.guid, address.severaModel(ids))
            } catch {
                throw SampleDataError(record: "address of \(customer.label) in Severa", reason: error.description)
            }
            summary.severa.addresses += 1
        }
    }

    /// The Fortnox side of a customer (nothing when it is in Severa only).
    mutating func seedInFortnox(_ customer: SampleCustomer) throws(SampleDataError) {
        guard customer.side != .severa else { return }
        try fortnox(.customers, customer.fortnoxModel(), customer.label)
        summary.fortnox.customers += 1
    }

    /// A product: the register entry in Severa, the article and its price in Fortnox.
    mutating func seed(_ product: SampleProduct) throws(SampleDataError) {
        try seedInSevera(product)
        try seedInFortnox(product)
    }

    /// The Severa side of a product (nothing when it is in Fortnox only).
    mutating func seedInSevera(_ product: SampleProduct) throws(SampleDataError) {
        guard product.side != .fortnox else { return }
        try severa(product.severaResource, product.severaModel(ids), product.label)
        switch product.register {
        case .product: summary.severa.products += 1
        case .workType: summary.severa.workTypes += 1
        case .travelExpense: summary.severa.travelExpenseTypes += 1
        }
    }

    /// The Fortnox side of a product: the article and its price (nothing when it is in Severa only).
    mutating func seedInFortnox(_ product: SampleProduct) throws(SampleDataError) {
        guard product.side != .severa else { return }
        try fortnox(.articles, product.fortnoxArticle(), product.label)
        try fortnox(.prices, product.fortnoxPrice(), "price of \(product.label)")
        summary.fortnox.articles += 1
    }

    /// A project.
    mutating func seed(_ project: SampleProject) throws(SampleDataError) {
        if project.side != .fortnox {
            try severa(.projects, project.severaModel(ids), project.label)
            summary.severa.projects += 1
        }
        if project.side != .severa {
            try fortnox(.projects, project.fortnoxModel(), project.label)
            summary.fortnox.projects += 1
        }
    }

    /// A Severa invoice, its rows and its attachments.
    mutating func seed(_ invoice: SampleInvoice) throws(SampleDataError) {
        try severa(.invoices, invoice.severaModel(ids), invoice.label)
        summary.severa.invoices += 1
        for row in invoice.severaRowModels(ids) {
            try severa(.invoicerows, row, "row of \(invoice.label)")
            summary.severa.invoiceRows += 1
        }
        for file in invoice.severaFileModels() {
            try severa(.invoicefiles, file, "attachment \(file["name"]?.stringValue ?? "") of \(invoice.label)")
            summary.severa.invoiceFiles += 1
        }
    }

    /// A Fortnox supplier invoice, booked (what the fee flow reads by default, R5.1).
    ///
    /// - Returns: The `GivenNumber` Fortnox assigned.
    mutating func seed(_ invoice: SampleSupplierInvoice) throws(SampleDataError) -> String {
        let stored = try fortnox(.supplierinvoices, invoice.fortnoxModel(), invoice.label)
        let givenNumber = stored["GivenNumber"]?.stringValue ?? ""
        do {
            try fortnox.seedAction("bookkeep", on: .supplierinvoices, key: givenNumber)
        } catch {
            throw SampleDataError(record: "booking \(invoice.label) in Fortnox", reason: error.description)
        }
        summary.fortnox.supplierInvoices += 1
        return givenNumber
    }

    private func severa(_ resource: SeveraResource, _ model: JSONValue, _ label: String) throws(SampleDataError) {
        do {
            try severa.seedQuietly(resource, model)
        } catch {
            throw SampleDataError(record: "\(label) in Severa", reason: error.description)
        }
    }

    @discardableResult
    private func fortnox(_ resource: FortnoxResource, _ entity: JSONValue, _ label: String) throws(SampleDataError)
        -> JSONValue
    {
        do {
            return try fortnox.seed(resource, entity)
        } catch {
            throw SampleDataError(record: "\(label) in Fortnox", reason: error.description)
        }
    }
}
