import Foundation
import SyncCore
import Synchronization

/// The PM side (Severa) built from in-memory endpoints; records carry version stamps like Severa's, and
/// products carry per register what Severa's do (work types have no unit, price or VAT).
final class FakePMSide: ProjectManagementSide {
    let systemName = "Severa"
    let customerEndpoint: InMemoryEndpoint<Customer>
    let productEndpoint: InMemoryEndpoint<Product>
    let projectEndpoint: InMemoryEndpoint<Project>

    init(pageSize: Int = 50, overlap: Int64 = 0) {
        customerEndpoint = InMemoryEndpoint(
            system: systemName, idPrefix: "pm-customer-", carriedFields: Fields.pmCustomer, pageSize: pageSize,
            overlap: overlap, givesVersions: true,
            normalize: { customer in
                var stored = customer
                stored.organisationNumber = nil
                stored.kind = .company
                return stored
            })
        productEndpoint = InMemoryEndpoint(
            system: systemName, idPrefix: "pm-product-", carriedFields: Fields.pmProduct,
            carriedPerRecord: Fields.pmProduct(of:), pageSize: pageSize, overlap: overlap, givesVersions: true,
            normalize: { product in
                guard product.kind == .workType else { return product }
                var stored = product
                stored.unit = nil
                stored.price = nil
                stored.vatRate = nil
                return stored
            })
        projectEndpoint = InMemoryEndpoint(
            system: systemName, idPrefix: "pm-project-", carriedFields: Fields.pmProject, pageSize: pageSize,
            overlap: overlap, givesVersions: true)
    }

    var customers: any RecordEndpoint<Customer> { customerEndpoint }
    var products: any RecordEndpoint<Product> { productEndpoint }
    var projects: any RecordEndpoint<Project> { projectEndpoint }

    func invoiceStatuses() async throws(ConnectorError) -> [InvoiceStatus] { [] }

    func invoices(inStatus statusID: String) -> AsyncThrowingStream<ChangePage<Invoice>, any Error> {
        AsyncThrowingStream { nil }
    }

    func invoiceStatusID(invoiceID: String) async throws(ConnectorError) -> String {
        throw ConnectorError(kind: .notFound, system: systemName, operation: "GET invoice", message: invoiceID)
    }

    func invoiceRows(invoiceID: String, projectNumber: String?) async throws(ConnectorError) -> [InvoiceRow] { [] }

    func invoice(id: String) async throws(ConnectorError) -> RemoteRecord<Invoice>? { nil }

    func businessUnits() async throws(ConnectorError) -> [BusinessUnit] { [] }

    func invoiceFiles(invoiceID: String) async throws(ConnectorError) -> [InvoiceFile] { [] }

    func fileData(fileID: String) async throws(ConnectorError) -> Data { Data() }

    func setInvoiceStatus(invoiceID: String, statusID: String) async throws(ConnectorError) -> String? {
        throw ConnectorError(kind: .notFound, system: systemName, operation: "PATCH invoice", message: invoiceID)
    }

    func createProjectFee(_ fee: ProjectFee) async throws(ConnectorError) -> RemoteRecord<ProjectFee> {
        throw ConnectorError(kind: .rejected, system: systemName, operation: "POST projectfees", message: "unused")
    }

    func findProjectFee(sourceReference: String, projectNumber: String) async throws(ConnectorError)
        -> RemoteRecord<ProjectFee>?
    { nil }
}

/// The accounting side (Fortnox) built from in-memory endpoints; no version stamps, like Fortnox.
final class FakeAccountingSide: AccountingSide {
    let systemName = "Fortnox"
    let customerEndpoint: InMemoryEndpoint<Customer>
    let productEndpoint: InMemoryEndpoint<Product>
    let projectEndpoint: InMemoryEndpoint<Project>
    private let unitState: Mutex<(units: [MeasurementUnit], failure: ConnectorError?)>

    init(pageSize: Int = 50, overlap: Int64 = 0, units: [String] = ["st", "h", "kg"]) {
        customerEndpoint = InMemoryEndpoint(
            system: systemName, idPrefix: "", carriedFields: Fields.accountingCustomer, pageSize: pageSize,
            overlap: overlap)
        productEndpoint = InMemoryEndpoint(
            system: systemName, idPrefix: "", carriedFields: Fields.accountingProduct, pageSize: pageSize,
            overlap: overlap,
            normalize: { product in
                var stored = product
                stored.kind = .product
                return stored
            })
        projectEndpoint = InMemoryEndpoint(
            system: systemName, idPrefix: "", carriedFields: Fields.accountingProject, pageSize: pageSize,
            overlap: overlap,
            normalize: { project in
                var stored = project
                stored.customerNumber = nil
                return stored
            })
        unitState = Mutex((units.map { MeasurementUnit(code: $0, description: $0) }, nil))
    }

    var customers: any RecordEndpoint<Customer> { customerEndpoint }
    var products: any RecordEndpoint<Product> { productEndpoint }
    var projects: any RecordEndpoint<Project> { projectEndpoint }

    /// Adds a unit, as an operator would in Fortnox.
    func addUnit(_ code: String) {
        unitState.withLock { $0.units.append(MeasurementUnit(code: code, description: code)) }
    }

    /// Makes `units()` fail (or succeed again with `nil`).
    func failUnits(with error: ConnectorError?) {
        unitState.withLock { $0.failure = error }
    }

    func units() async throws(ConnectorError) -> [MeasurementUnit] {
        let (units, failure) = unitState.withLock { ($0.units, $0.failure) }
        if let failure { throw failure }
        return units
    }

    func costCenterCodes() async throws(ConnectorError) -> Set<String> { [] }
    func projectAccountingEnabled() async throws(ConnectorError) -> Bool { true }

    func createInvoice(_ invoice: Invoice) async throws(ConnectorError) -> RemoteRecord<Invoice> {
        throw ConnectorError(kind: .rejected, system: systemName, operation: "POST invoices", message: "unused")
    }

    func findInvoice(externalReference: String) async throws(ConnectorError) -> RemoteRecord<Invoice>? { nil }

    var invoiceTextLimits: InvoiceTextLimits { InvoiceTextLimits(rowDescription: 255, references: [:]) }

    var attachmentLimits: AttachmentLimits { AttachmentLimits(maxFileBytes: 1, maxTotalBytes: 1, maxIncludedOnSend: 1) }

    func invoice(documentNumber: String) async throws(ConnectorError) -> AccountingInvoice? { nil }

    func creditInvoice(documentNumber: String) async throws(ConnectorError) -> String { unused("credit") }

    func cancelInvoice(documentNumber: String) async throws(ConnectorError) { _ = unused("cancel") }

    func uploadFile(named name: String, data: Data) async throws(ConnectorError) -> String { unused("upload") }

    func findUploadedFile(named name: String) async throws(ConnectorError) -> String? { nil }

    func attachFile(_ fileID: String, toInvoice documentNumber: String, includeOnSend: Bool)
        async throws(ConnectorError) -> InvoiceAttachment
    { InvoiceAttachment(id: unused("attach"), fileID: fileID) }

    func invoiceAttachments(documentNumber: String) async throws(ConnectorError) -> [InvoiceAttachment] { [] }

    func changeCursor(from instant: Date) -> ChangeCursor { ChangeCursor(String(instant.timeIntervalSince1970)) }

    func paidInvoices(since cursor: ChangeCursor?, isRelevant: @escaping @Sendable (String) -> Bool)
        -> AsyncThrowingStream<ChangePage<PaidInvoice>, any Error>
    {
        AsyncThrowingStream { nil }
    }

    func projectFees(ofSupplierInvoice givenNumber: String) async throws(ConnectorError) -> [PageItem<ProjectFee>] {
        []
    }

    /// The master-data tests never reach the money flows.
    private func unused(_ operation: String) -> String {
        preconditionFailure("FakeAccountingSide.\(operation) is not used by these tests")
    }

    func projectFees(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<ProjectFee>, any Error> {
        AsyncThrowingStream { nil }
    }
}

/// The canonical members each fake endpoint carries, as the real connectors declare them.
enum Fields {
    static let pmCustomer: Set<String> = [
        "number", "name", "vatNumber", "billingAddress", "postalAddress", "visitingAddress", "email", "phone",
        "website", "currency", "isActive",
    ]
    static let accountingCustomer: Set<String> = pmCustomer.union(["organisationNumber", "kind"])
    static let pmProduct: Set<String> = ["code", "name", "unit", "price", "vatRate", "kind", "isActive"]
    /// Severa work types have no unit, price or VAT; products and travel expense types have them.
    static let pmWorkType: Set<String> = ["code", "name", "kind", "isActive"]
    @Sendable static func pmProduct(of product: Product) -> Set<String> {
        product.kind == .workType ? pmWorkType : pmProduct
    }
    static let accountingProduct: Set<String> = ["code", "name", "unit", "price", "vatRate", "isActive"]
    static let pmProject: Set<String> = [
        "number", "name", "customerNumber", "status", "startDate", "endDate", "leader",
    ]
    static let accountingProject: Set<String> = ["number", "name", "status", "startDate", "endDate", "leader"]
}
