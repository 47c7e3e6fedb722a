public import Foundation

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
    /// The invoices currently in status `statusID` (R4 trigger), page by page, **without their rows**
    /// (``invoiceRows(invoiceID:projectNumber:)`` reads them), so the whole queue is known before the
    /// first write.
    func invoices(inStatus statusID: String) -> AsyncThrowingStream<ChangePage<Invoice>, any Error>
    /// The rows of invoice `invoiceID`, in Severa's order; each row gets `projectNumber`.
    func invoiceRows(invoiceID: String, projectNumber: String?) async throws(ConnectorError) -> [InvoiceRow]
    /// Invoice `id` with its rows and status, or `nil` when it no longer exists (retries, R6.2).
    func invoice(id: String) async throws(ConnectorError) -> RemoteRecord<Invoice>?
    /// The current status id of invoice `invoiceID` (R6.2 checks it before marking paid).
    func invoiceStatusID(invoiceID: String) async throws(ConnectorError) -> String
    /// Moves invoice `invoiceID` to status `statusID` and returns the invoice's number afterwards (a
    /// status may number the invoice), when it has one.
    @discardableResult
    func setInvoiceStatus(invoiceID: String, statusID: String) async throws(ConnectorError) -> String?
    /// Every business unit (R4.5 maps the invoice's unit to a cost center).
    func businessUnits() async throws(ConnectorError) -> [BusinessUnit]
    /// The files attached to invoice `invoiceID` (R4.3).
    func invoiceFiles(invoiceID: String) async throws(ConnectorError) -> [InvoiceFile]
    /// The contents of file `fileID` (R4.3).
    func fileData(fileID: String) async throws(ConnectorError) -> Data
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
    /// The longest texts the invoice fields hold (R4.2, R4.6).
    var invoiceTextLimits: InvoiceTextLimits { get }
    /// The limits on invoice attachments (R4.3).
    var attachmentLimits: AttachmentLimits { get }

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
    /// Finds the live invoice carrying our external reference, or `nil`.
    func findInvoice(externalReference: String) async throws(ConnectorError) -> RemoteRecord<Invoice>?
    /// Invoice `documentNumber` with its state, or `nil` when there is none.
    func invoice(documentNumber: String) async throws(ConnectorError) -> AccountingInvoice?
    /// Credits the booked invoice `documentNumber` (a full credit note, MONEY-FLOWS decision 3).
    ///
    /// - Returns: The number of the credit invoice made.
    /// - Throws: ``ConnectorError``; `outcomeUnknown` when it may have happened: read the invoice.
    func creditInvoice(documentNumber: String) async throws(ConnectorError) -> String
    /// Cancels the unbooked invoice `documentNumber`.
    ///
    /// - Throws: ``ConnectorError``; `outcomeUnknown` when it may have happened: read the invoice.
    func cancelInvoice(documentNumber: String) async throws(ConnectorError)
    /// Uploads an invoice attachment's file and returns the file's id (R4.3).
    ///
    /// - Throws: ``ConnectorError``; `outcomeUnknown` when it may have been stored: call
    ///   ``findUploadedFile(named:)``.
    func uploadFile(named name: String, data: Data) async throws(ConnectorError) -> String
    /// The id of an uploaded, not yet attached file whose name is `name`, or `nil`.
    func findUploadedFile(named name: String) async throws(ConnectorError) -> String?
    /// Attaches uploaded file `fileID` to invoice `documentNumber` (R4.3) and returns the attachment.
    ///
    /// - Throws: ``ConnectorError``; `outcomeUnknown`: call ``invoiceAttachments(documentNumber:)``.
    func attachFile(_ fileID: String, toInvoice documentNumber: String, includeOnSend: Bool)
        async throws(ConnectorError) -> InvoiceAttachment
    /// The files attached to invoice `documentNumber`.
    func invoiceAttachments(documentNumber: String) async throws(ConnectorError) -> [InvoiceAttachment]
    /// The cursor of a listing of everything changed from `instant` on (with the connector's overlap), for
    /// a first listing that need not go further back: the paid state's first check starts at the oldest
    /// invoice Brygga transferred and is not yet paid (R6), not at the beginning of the invoice history.
    func changeCursor(from instant: Date) -> ChangeCursor
    /// Invoices that became fully paid since `cursor` (R6), page by page; only those whose document
    /// number `isRelevant` accepts are read in full.
    func paidInvoices(since cursor: ChangeCursor?, isRelevant: @escaping @Sendable (String) -> Bool)
        -> AsyncThrowingStream<ChangePage<PaidInvoice>, any Error>
    /// Supplier-invoice rows booked to a project since `cursor`, as project fees (R5), page by page.
    func projectFees(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<ProjectFee>, any Error>
    /// The fees of supplier invoice `givenNumber` as ``projectFees(since:)`` lists them (R5 retries).
    func projectFees(ofSupplierInvoice givenNumber: String) async throws(ConnectorError) -> [PageItem<ProjectFee>]
}
