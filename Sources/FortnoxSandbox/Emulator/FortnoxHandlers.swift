/// The handler of each record resource.
enum FortnoxHandlers {
    /// The handler of `resource`.
    static func handler(for resource: FortnoxResource) -> any ResourceHandler {
        switch resource {
        case .customers: CustomerHandler.shared
        case .articles: ArticleHandler.shared
        case .units: UnitHandler.shared
        case .prices: PriceHandler.shared
        case .projects: ProjectHandler.shared
        case .costcenters: CostCenterHandler.shared
        case .suppliers: SupplierHandler.shared
        case .invoices: InvoiceHandler.shared
        case .invoicepayments: InvoicePaymentHandler.shared
        case .supplierinvoices: SupplierInvoiceHandler.shared
        }
    }
}
