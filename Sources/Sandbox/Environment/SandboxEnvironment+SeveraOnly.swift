extension SandboxEnvironment {
    /// Seeds the customers and products of `generator` into Severa only
    /// (``SampleDataGenerator/populateSeveraOnly(fortnox:severa:beforeEach:)``), stamped a step of
    /// ``SeedingClock/step(forRecords:)`` apart on `clock`, then lets `clock` run with the real time.
    ///
    /// - Parameters:
    ///   - generator: The sample data (its projects, invoices and supplier invoices are not used).
    ///   - clock: The environment's clock, standing in the past (``SeedingClock/backdated()``).
    /// - Returns: What was seeded where.
    /// - Throws: ``SampleDataError`` when an emulator refuses a record (a generator bug).
    public func populateSeveraOnly(
        with generator: SampleDataGenerator, clock: SeedingClock
    ) throws(SampleDataError) -> SampleDataSummary {
        let step = SeedingClock.step(forRecords: generator.size.customers + generator.size.products)
        let summary = try generator.populateSeveraOnly(fortnox: fortnox, severa: severa) { clock.advance(by: step) }
        clock.startRunning()
        return summary
    }
}
