public import FortnoxSandbox
public import SeveraSandbox

extension SampleDataGenerator {
    /// Severa's spellings of Fortnox unit codes that the sample products use now and then (`styck` for
    /// `st`, `tim` for `h`, …): what a connector's unit aliases must map for every product to pass R1.3.
    public static var unitSpellings: [(severa: String, code: String)] {
        ProductCatalog.unitAliases.sorted { $0.key < $1.key }.flatMap { code, spellings in
            spellings.map { (severa: $0, code: code) }
        }
    }

    /// Seeds every regular customer (with its addresses) and product into Severa only, whatever side
    /// the full data set puts it on, and into Fortnox only the registers products refer to (units, cost
    /// centers, suppliers): a company about to start Brygga with an empty Fortnox, so a first run
    /// creates every record there. No defect catalogue, projects or invoices. `brygga-bench engine`
    /// uses it.
    ///
    /// - Parameters:
    ///   - fortnox: An empty Fortnox emulator.
    ///   - severa: A fresh Severa emulator (only its reference data).
    ///   - beforeEach: Called before each customer and product is seeded (the benchmark moves its
    ///     clock here, so the records carry different modification times, as real ones do).
    /// - Returns: What was seeded where.
    /// - Throws: ``SampleDataError`` when an emulator refuses a record (a generator bug).
    public func populateSeveraOnly(
        fortnox: FortnoxEmulator, severa: SeveraEmulator, beforeEach: () -> Void = {}
    ) throws(SampleDataError) -> SampleDataSummary {
        var seeder = try SampleSeeder(fortnox: fortnox, severa: severa)
        try seeder.seedFortnoxRegisters()
        for index in 0..<size.customers {
            var customer = SampleCustomer.regular(index: index, seed: seed)
            customer.side = .severa
            beforeEach()
            try seeder.seedInSevera(customer)
        }
        try forEachRegularProduct { product throws(SampleDataError) in
            var product = product
            product.side = .severa
            beforeEach()
            try seeder.seedInSevera(product)
        }
        return seeder.summary
    }
}
