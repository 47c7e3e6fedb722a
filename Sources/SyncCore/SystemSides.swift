/// A status an invoice can have on the project-management side (R4.1).
public struct InvoiceStatus: Sendable, Hashable {
    /// The status id (Severa guid).
    public var id: String
    /// The name an operator configures, e.g. `Överför till Fortnox`.
    public var name: String
    /// Whether the status is active.
    public var isActive: Bool

    /// Creates a status.
    public init(id: String, name: String, isActive: Bool = true) {
        self.id = id
        self.name = name
        self.isActive = isActive
    }
}

/// The project-management system (Visma Severa) as the engine sees it.
public protocol ProjectManagementSide: Sendable {
    /// The system's name for messages, e.g. `Severa`.
    var systemName: String { get }
    /// Customers (R2).
    var customers: any RecordEndpoint<Customer> { get }
    /// Work types, travel expense types and products (R1); the id says which register.
    var products: any RecordEndpoint<Product> { get }
    /// Projects (R3).
    var projects: any RecordEndpoint<Project> { get }

    /// All invoice statuses, to check the configured trigger, received and paid statuses (R4.1).
    func invoiceStatuses() async throws(ConnectorError) -> [InvoiceStatus]
    /// The invoices currently in status `statusID` (R4 trigger), page by page.
    func invoices(inStatus statusID: String) -> AsyncThrowingStream<ChangePage<Invoice>, any Error>
    /// The current status id of invoice `invoiceID` (R6.2 checks it before marking paid).
    func invoiceStatusID(invoiceID: String) async throws(ConnectorError) -> String
    /// Moves invoice `invoiceID` to status `statusID`.
    func setInvoiceStatus(invoiceID: String, statusID: String) async throws(ConnectorError)
    /// Creates a project fee, finding the project and product by number and code (R5).
    func createProjectFee(_ fee: ProjectFee) async throws(ConnectorError) -> RemoteRecord<ProjectFee>
    /// Finds a fee created earlier from the same source row (R5.4), or `nil`.
    func findProjectFee(sourceReference: String, projectNumber: String) async throws(ConnectorError)
        -> RemoteRecord<ProjectFee>?
}

/// The accounting system (Fortnox) as the engine sees it.
public protocol AccountingSide: Sendable {
    /// The system's name for messages, e.g. `Fortnox`.
    var systemName: String { get }
    /// Customers (R2).
    var customers: any RecordEndpoint<Customer> { get }
    /// Articles (R1).
    var products: any RecordEndpoint<Product> { get }
    /// Projects (R3).
    var projects: any RecordEndpoint<Project> { get }

    /// All units (R1.3 checks product units against them).
    func units() async throws(ConnectorError) -> [MeasurementUnit]
    /// All cost center codes (R4.5 leaves unknown dimensions empty).
    func costCenterCodes() async throws(ConnectorError) -> Set<String>
    /// Whether project accounting is on (R5.1).
    func projectAccountingEnabled() async throws(ConnectorError) -> Bool

    /// Creates a customer invoice (R4).
    ///
    /// - Throws: ``ConnectorError``; ``ConnectorError/Kind/outcomeUnknown`` means: call
    ///   ``findInvoice(externalReference:)`` before anything else (R4.4).
    func createInvoice(_ invoice: Invoice) async throws(ConnectorError) -> RemoteRecord<Invoice>
    /// Finds an invoice by our external reference, or `nil`.
    func findInvoice(externalReference: String) async throws(ConnectorError) -> RemoteRecord<Invoice>?
    /// Invoices that became fully paid since `cursor` (R6), page by page.
    func paidInvoices(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<PaidInvoice>, any Error>
    /// Supplier-invoice rows booked to a project since `cursor`, as project fees (R5), page by page.
    func projectFees(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<ProjectFee>, any Error>
}
