/// How many regular records the sample data has; the defect catalogue (``SampleDefect``) comes on top.
public struct SampleDataSize: Sendable, Hashable, CustomStringConvertible {
    /// Customers: 70 % on both sides, 20 % Severa only, 10 % Fortnox only.
    public var customers: Int
    /// Products (Severa products, work types and travel expense types; Fortnox articles): 80 % on both
    /// sides, 10 % Severa only, 10 % Fortnox only.
    public var products: Int
    /// Severa projects of valid customers: two in three also in Fortnox.
    public var projects: Int
    /// Severa customer invoices of those projects, in several statuses.
    public var invoices: Int
    /// Fortnox supplier invoices with rows booked to projects and cost centers.
    public var supplierInvoices: Int

    /// Creates a size; negative counts are taken as zero.
    public init(customers: Int, products: Int, projects: Int, invoices: Int, supplierInvoices: Int) {
        self.customers = max(0, customers)
        self.products = max(0, products)
        self.projects = max(0, projects)
        self.invoices = max(0, invoices)
        self.supplierInvoices = max(0, supplierInvoices)
    }

    /// What `brygga demo` and `brygga sandbox serve` use by default: small enough to read.
    public static let demo = SampleDataSize(
        customers: 50, products: 30, projects: 10, invoices: 12, supplierInvoices: 6)

    /// A handful of each, for fast tests.
    public static let small = SampleDataSize(customers: 12, products: 10, projects: 4, invoices: 4, supplierInvoices: 2)

    /// The engine benchmark's size: 100 000 customers and 20 000 products (projects and invoices stay
    /// moderate: seeding an invoice with its rows costs the Severa emulator as much as 10 customers).
    public static let benchmark = SampleDataSize(
        customers: 100_000, products: 20_000, projects: 1_000, invoices: 1_000, supplierInvoices: 500)

    /// The presets by name, for `--size NAME`.
    public static let presets: [(name: String, size: SampleDataSize)] = [
        ("demo", .demo), ("small", .small), ("benchmark", .benchmark),
    ]

    /// The preset called `name`, if any.
    public static func preset(named name: String) -> SampleDataSize? {
        presets.first { $0.name == name }?.size
    }

    /// `50 customers, 30 products, 10 projects, 12 invoices, 6 supplier invoices`.
    public var description: String {
        "\(customers) customers, \(products) products, \(projects) projects, \(invoices) invoices, "
            + "\(supplierInvoices) supplier invoices"
    }
}
