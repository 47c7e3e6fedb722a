/// What a ``SampleDataGenerator`` put into the emulators, and where the defect catalogue went.
public struct SampleDataSummary: Sendable, Hashable {
    /// Records seeded into Severa.
    public struct SeveraCounts: Sendable, Hashable {
        /// Customers.
        public var customers = 0
        /// Customer addresses.
        public var addresses = 0
        /// Entries of the product register.
        public var products = 0
        /// Work types.
        public var workTypes = 0
        /// Travel expense types.
        public var travelExpenseTypes = 0
        /// Projects.
        public var projects = 0
        /// Customer invoices.
        public var invoices = 0
        /// Invoice rows.
        public var invoiceRows = 0
        /// Invoice attachments.
        public var invoiceFiles = 0
        /// Business units added to the reference data (``SampleRegisters``).
        public var businessUnits = 0
        /// Cost centers added to the reference data.
        public var costCenters = 0
    }

    /// Records seeded into Fortnox.
    public struct FortnoxCounts: Sendable, Hashable {
        /// Customers.
        public var customers = 0
        /// Articles (each with a price on price list A).
        public var articles = 0
        /// Units.
        public var units = 0
        /// Cost centers (one of them inactive).
        public var costCenters = 0
        /// Suppliers.
        public var suppliers = 0
        /// Projects.
        public var projects = 0
        /// Supplier invoices (all booked).
        public var supplierInvoices = 0
    }

    /// Records seeded into Severa.
    public var severa = SeveraCounts()
    /// Records seeded into Fortnox.
    public var fortnox = FortnoxCounts()
    /// Where each deliberately bad or awkward record is, in catalogue order.
    public var defects: [SampleDefectRecord] = []
}
