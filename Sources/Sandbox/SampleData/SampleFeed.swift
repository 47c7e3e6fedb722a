public import FortnoxSandbox
public import SeveraSandbox

/// One record a ``SampleFeed`` added, as a user of one system would between two runs.
public struct FedRecord: Sendable, Hashable {
    /// What kind of record it is.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case customer
        case product
        case project
        /// A Severa invoice in the trigger status `Ready for transfer` (to Fortnox, then moved on).
        case invoice
        /// A booked Fortnox supplier invoice whose rows are booked to projects (fees in Severa).
        case supplierInvoice = "supplier invoice"
    }

    /// What kind of record it is.
    public var kind: Kind
    /// The key both systems share: the customer or project number, the product code, the Severa
    /// invoice guid (Fortnox's `ExternalInvoiceReference1`), the supplier invoice's `GivenNumber`.
    public var key: String
    /// The system it was added to.
    public var side: SampleSide
    /// Whether it is deliberately invalid: it must be held back with a reason, never transferred.
    public var isInvalid: Bool

    /// Creates a record description.
    public init(kind: Kind, key: String, side: SampleSide, isInvalid: Bool = false) {
        self.kind = kind
        self.key = key
        self.side = side
        self.isInvalid = isInvalid
    }
}

/// New records for a sandbox filled by a ``SampleDataGenerator``, batch after batch, on both sides:
/// what the users of Severa and Fortnox add between two runs (`brygga-bench soak`).
///
/// Batch `b` adds, numbered after the generator's regular records so nothing collides: a customer in
/// Severa and one in Fortnox, a product in Severa and an article in Fortnox, a Severa project of the
/// new Severa customer, a Severa invoice of that project in `Ready for transfer`, a booked Fortnox
/// supplier invoice whose rows are booked to the sample's open projects, and every fifth batch a
/// Severa customer without a VAT number (invalid, R2.2). The same generator and batch always give the
/// same records.
public struct SampleFeed: Sendable {
    /// The generator that filled the sandbox.
    public let generator: SampleDataGenerator
    private let ids: SeveraReferenceIDs
    private let pairedProducts: [SampleProduct]
    private let feeProducts: [SampleProduct]
    private let feeProjects: [SampleProject]

    /// A feed for the sandbox `severa` and its Fortnox partner, filled by `generator`.
    ///
    /// - Throws: ``SampleDataError`` when Severa's reference records are missing.
    public init(continuing generator: SampleDataGenerator, severa: SeveraEmulator) throws(SampleDataError) {
        self.generator = generator
        ids = try SeveraReferenceIDs(state: severa.exportState())
        let catalogue = SampleDefectCatalogue(seed: generator.seed)
        pairedProducts = generator.pairedRegularProducts(catalogue: catalogue)
        let products = pairedProducts.filter { if case .product = $0.register { true } else { false } }
        feeProducts = products.isEmpty ? catalogue.pairedProducts.filter { $0.code == "9008" } : products
        let projects = (0..<generator.size.projects).map { generator.regularProject(index: $0, catalogue: catalogue) }
        let open = projects.filter { $0.side == .both && !$0.isCompleted && $0.currency == "SEK" }
        feeProjects = open.isEmpty ? [catalogue.validProject] : open
    }

    /// Adds batch `batch` (0, 1, …) to the emulators.
    ///
    /// - Returns: The records added.
    /// - Throws: ``SampleDataError`` when an emulator refuses a record (a feed bug).
    public func feed(batch: Int, fortnox: FortnoxEmulator, severa: SeveraEmulator) throws(SampleDataError)
        -> [FedRecord]
    {
        var seeder = SampleSeeder(fortnox: fortnox, severa: severa, ids: ids)
        let size = generator.size
        let seed = generator.seed
        var fed: [FedRecord] = []

        let firstCustomer = size.customers + batch * 3
        var severaCustomer = SampleCustomer.regular(index: firstCustomer, seed: seed)
        severaCustomer.side = .severa
        var fortnoxCustomer = SampleCustomer.regular(index: firstCustomer + 1, seed: seed)
        fortnoxCustomer.side = .fortnox
        try seeder.seed(severaCustomer)
        try seeder.seed(fortnoxCustomer)
        fed.append(FedRecord(kind: .customer, key: String(severaCustomer.number), side: .severa))
        fed.append(FedRecord(kind: .customer, key: String(fortnoxCustomer.number), side: .fortnox))
        if batch % 5 == 4 {
            var invalid = SampleCustomer.regular(index: firstCustomer + 2, seed: seed)
            invalid.side = .severa
            invalid.vatNumber = nil
            try seeder.seed(invalid)
            fed.append(FedRecord(kind: .customer, key: String(invalid.number), side: .severa, isInvalid: true))
        }

        for (offset, side) in [(0, SampleSide.severa), (1, .fortnox)] {
            var product = regularProduct(index: size.products + batch * 2 + offset)
            product.side = side
            try seeder.seed(product)
            fed.append(FedRecord(kind: .product, key: product.code, side: side))
        }

        var project = SampleProject.regular(index: size.projects + batch, customer: severaCustomer, seed: seed)
        project.side = .severa
        try seeder.seed(project)
        fed.append(FedRecord(kind: .project, key: String(project.number), side: .severa))

        var invoice = SampleInvoice.regular(
            index: size.invoices + batch, project: project, domestic: project.currency == "SEK",
            products: pairedProducts, seed: seed)
        invoice.status = "Ready for transfer"
        try seeder.seed(invoice)
        fed.append(FedRecord(kind: .invoice, key: invoice.guid, side: .severa))

        let supplierInvoice = SampleSupplierInvoice.regular(
            index: size.supplierInvoices + batch, products: feeProducts, projects: feeProjects, seed: seed)
        let givenNumber = try seeder.seed(supplierInvoice)
        fed.append(FedRecord(kind: .supplierInvoice, key: givenNumber, side: .fortnox))
        return fed
    }

    /// Regular product `index`, numbered within its register as the generator numbers it.
    private func regularProduct(index: Int) -> SampleProduct {
        let seed = generator.seed
        let slot = SampleProduct.registerSlot(ofRegular: index, seed: seed)
        let register = Self.register(ofSlot: slot)
        let ordinal = (0..<index).count {
            Self.register(ofSlot: SampleProduct.registerSlot(ofRegular: $0, seed: seed)) == register
        }
        return SampleProduct.regular(index: index, ordinal: ordinal, slot: slot, seed: seed)
    }

    /// The register a slot stands for, as ``SampleDataGenerator/forEachRegularProduct(_:)`` counts.
    private static func register(ofSlot slot: Int) -> Int {
        slot <= 6 ? 0 : slot <= 8 ? 1 : 2
    }
}
