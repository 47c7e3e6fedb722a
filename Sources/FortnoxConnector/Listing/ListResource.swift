/// The names a Fortnox resource goes by: its path, the wrapper of one entity, the list key and the
/// key field (fortnox-api.md §1, §7).
struct ListResource: Sendable {
    /// The path below `/3/`, e.g. `customers`.
    let path: String
    /// The wrapper of one entity, e.g. `Customer`.
    let wrapper: String
    /// The key of the list array, e.g. `Customers`.
    let listKey: String
    /// The field holding the key, e.g. `CustomerNumber`.
    let keyField: String
    /// The record's name in messages, e.g. `customer`.
    let noun: String

    static let customers = ListResource(
        path: "customers", wrapper: "Customer", listKey: "Customers", keyField: "CustomerNumber", noun: "customer")
    static let articles = ListResource(
        path: "articles", wrapper: "Article", listKey: "Articles", keyField: "ArticleNumber", noun: "article")
    static let projects = ListResource(
        path: "projects", wrapper: "Project", listKey: "Projects", keyField: "ProjectNumber", noun: "project")
    static let units = ListResource(path: "units", wrapper: "Unit", listKey: "Units", keyField: "Code", noun: "unit")
    static let costCenters = ListResource(
        path: "costcenters", wrapper: "CostCenter", listKey: "CostCenters", keyField: "Code", noun: "cost center")
    static let invoices = ListResource(
        path: "invoices", wrapper: "Invoice", listKey: "Invoices", keyField: "DocumentNumber", noun: "invoice")
    static let supplierInvoices = ListResource(
        path: "supplierinvoices", wrapper: "SupplierInvoice", listKey: "SupplierInvoices", keyField: "GivenNumber",
        noun: "supplier invoice")
}
