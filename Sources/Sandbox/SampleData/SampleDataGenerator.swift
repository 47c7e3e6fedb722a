import Dispatch
public import FortnoxSandbox
public import SeveraSandbox
import Synchronization

/// Generates realistic Nordic sample data into a Fortnox and a Severa emulator, deterministically
/// from a seed: the same seed and size always give the same records (and, on the same clock, the same
/// exported states).
///
/// The data is shaped to exercise the sync:
/// - **a shared scenario**: customers and products that exist on both sides with the same number or
///   code and name (to be paired), some only on one side (to be created on the other), projects of
///   valid customers (two in three already in Fortnox), Severa invoices in every status with rows
///   referencing products by code, and booked Fortnox supplier invoices whose rows are booked to
///   projects and cost centers (good fees: products on open SEK projects);
/// - **Nordic details**: Swedish, Norwegian and Finnish companies (70/15/15 %) with organisation
///   numbers whose check digits are right, VAT numbers of the right shape, postal codes of the right
///   shape for real cities, several addresses per customer (also several of one type), units such as
///   `st`, `h`, `dag`, `km` and `förp` that exist in Fortnox (now and then spelled `styck` or `tim` in
///   Severa), and prices with Swedish VAT rates;
/// - **the defect catalogue** (``SampleDefect``): a few deliberately bad or awkward records, each
///   tagged with the rule it exercises, listed in ``SampleDataSummary/defects``, including the money
///   flows' invoices, credit notes and supplier invoices (``SampleMoneyCatalogue``) and dimension
///   registers that cover every mapping case (``SampleRegisters``).
///
/// Records are made one at a time from `(seed, kind, index)` and seeded straight into the emulators, so
/// 100 000 customers need no intermediate array; only the products and projects that later records
/// refer to are kept.
public struct SampleDataGenerator: Sendable {
    /// The seed every draw depends on.
    public var seed: UInt64
    /// How many regular records to make.
    public var size: SampleDataSize

    /// Creates a generator.
    public init(seed: UInt64 = 1, size: SampleDataSize = .demo) {
        self.seed = seed
        self.size = size
    }

    /// Seeds the sample data into `fortnox` and `severa`, which should be empty (a fresh Severa
    /// emulator holds only its reference data). Supplier invoices are booked to projects, so Fortnox's
    /// project accounting must be on while this runs.
    ///
    /// - Returns: What was seeded where, and where the defect records are.
    /// - Throws: ``SampleDataError`` when an emulator refuses a record (a generator bug).
    public func populate(fortnox: FortnoxEmulator, severa: SeveraEmulator) throws(SampleDataError)
        -> SampleDataSummary
    {
        var seeder = try SampleSeeder(fortnox: fortnox, severa: severa)
        try seeder.seedFortnoxRegisters()
        let catalogue = SampleDefectCatalogue(seed: seed)
        var defects = try catalogue.seed(into: &seeder)
        defects += try SampleMoneyCatalogue(seed: seed, base: catalogue).seed(into: &seeder)
        let pairedProducts = try seedCustomersAndProducts(&seeder, catalogue: catalogue)
        let projects = try seedProjects(&seeder, catalogue: catalogue)
        for index in 0..<size.invoices {
            let project = projects.isEmpty ? catalogue.validProject : projects[index % projects.count]
            let invoice = SampleInvoice.regular(
                index: index, project: project, domestic: project.currency == "SEK", products: pairedProducts,
                seed: seed)
            try seeder.seed(invoice)
        }
        // Regular supplier-invoice rows make good fees (R5): products (not work or travel types) on open
        // SEK projects on both sides; the catalogue has the bad cases.
        let feeProjects = projects.filter { $0.side == .both && !$0.isCompleted && $0.currency == "SEK" }
        let feeProducts = pairedProducts.filter { if case .product = $0.register { true } else { false } }
        for index in 0..<size.supplierInvoices {
            let invoice = SampleSupplierInvoice.regular(
                index: index,
                products: feeProducts.isEmpty ? catalogue.pairedProducts.filter { $0.code == "9008" } : feeProducts,
                projects: feeProjects.isEmpty ? [catalogue.validProject] : feeProjects, seed: seed)
            _ = try seeder.seed(invoice)
        }
        var summary = seeder.summary
        summary.defects = defects
        return summary
    }

    /// Seeds the regular customers and products, the Severa side and the Fortnox side on two threads
    /// (the emulators are independent, and each side's records go in in the same order as serially),
    /// and returns the products on both sides (what invoices refer to), or the catalogue's when there
    /// are none.
    private func seedCustomersAndProducts(_ seeder: inout SampleSeeder, catalogue: SampleDefectCatalogue)
        throws(SampleDataError) -> [SampleProduct]
    {
        let start = seeder
        let outcomes = Mutex<[SampleSide: Result<(SampleSeeder, [SampleProduct]), SampleDataError>]>([:])
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            let side: SampleSide = part == 0 ? .severa : .fortnox
            var local = start
            let outcome: Result<(SampleSeeder, [SampleProduct]), SampleDataError>
            do throws(SampleDataError) {
                let paired = try seedRegularRecords(&local, side: side)
                outcome = .success((local, paired))
            } catch {
                outcome = .failure(error)
            }
            outcomes.withLock { $0[side] = outcome }
        }
        let (severaPart, paired) = try outcomes.withLock { $0[.severa] }?.get() ?? (start, [])
        let (fortnoxPart, _) = try outcomes.withLock { $0[.fortnox] }?.get() ?? (start, [])
        seeder.summary.severa = severaPart.summary.severa
        seeder.summary.fortnox = fortnoxPart.summary.fortnox
        return paired.isEmpty ? catalogue.pairedProducts : paired
    }

    /// Seeds one side of the regular customers and products and returns the products on both sides.
    private func seedRegularRecords(_ seeder: inout SampleSeeder, side: SampleSide) throws(SampleDataError)
        -> [SampleProduct]
    {
        for index in 0..<size.customers {
            let customer = SampleCustomer.regular(index: index, seed: seed)
            if side == .severa { try seeder.seedInSevera(customer) } else { try seeder.seedInFortnox(customer) }
        }
        var paired: [SampleProduct] = []
        try forEachRegularProduct { product throws(SampleDataError) in
            if side == .severa { try seeder.seedInSevera(product) } else { try seeder.seedInFortnox(product) }
            if product.side == .both { paired.append(product) }
        }
        return paired
    }

    /// Calls `body` with each regular product in order (each numbered within its register).
    func forEachRegularProduct(_ body: (SampleProduct) throws(SampleDataError) -> Void) throws(SampleDataError) {
        var ordinals = [0, 0, 0]
        for index in 0..<size.products {
            let slot = SampleProduct.registerSlot(ofRegular: index, seed: seed)
            let register = slot <= 6 ? 0 : slot <= 8 ? 1 : 2
            let product = SampleProduct.regular(index: index, ordinal: ordinals[register], slot: slot, seed: seed)
            ordinals[register] += 1
            try body(product)
        }
    }

    /// Seeds the regular projects, each of a regular customer that is in Severa (or of the catalogue's
    /// valid customer when there are none), and returns them.
    private func seedProjects(_ seeder: inout SampleSeeder, catalogue: SampleDefectCatalogue)
        throws(SampleDataError) -> [SampleProject]
    {
        var projects: [SampleProject] = []
        projects.reserveCapacity(size.projects)
        for index in 0..<size.projects {
            let project = regularProject(index: index, catalogue: catalogue)
            try seeder.seed(project)
            projects.append(project)
        }
        return projects
    }

    /// Regular project `index`, of a regular customer that is in Severa (or of the catalogue's valid
    /// customer when there are none).
    func regularProject(index: Int, catalogue: SampleDefectCatalogue) -> SampleProject {
        let customer: SampleCustomer
        if size.customers == 0 {
            customer = catalogue.validCustomer
        } else {
            var random = SampleRandom(seed: seed, "project-customer", String(index))
            var customerIndex = random.below(size.customers)
            while SampleCustomer.side(ofRegular: customerIndex) == .fortnox {
                customerIndex = (customerIndex + 1) % size.customers
            }
            customer = SampleCustomer.regular(index: customerIndex, seed: seed)
        }
        return SampleProject.regular(index: index, customer: customer, seed: seed)
    }

    /// The products on both sides (what invoices refer to), or the catalogue's when there are none.
    func pairedRegularProducts(catalogue: SampleDefectCatalogue) -> [SampleProduct] {
        var paired: [SampleProduct] = []
        try? forEachRegularProduct { product in
            if product.side == .both { paired.append(product) }
        }
        return paired.isEmpty ? catalogue.pairedProducts : paired
    }
}
