/// The record resources of the emulated Fortnox API v3, named by their path under `/3/`.
public enum FortnoxResource: String, Sendable, CaseIterable {
    /// `/3/customers`
    case customers
    /// `/3/articles`
    case articles
    /// `/3/units`
    case units
    /// `/3/prices` (price list rows; the article's `SalesPrice` comes from price list A)
    case prices
    /// `/3/projects`
    case projects
    /// `/3/costcenters`
    case costcenters
    /// `/3/suppliers`
    case suppliers
    /// `/3/invoices`
    case invoices
    /// `/3/invoicepayments`
    case invoicepayments
    /// `/3/supplierinvoices`
    case supplierinvoices

    /// The position of the resource in ``allCases`` (the index of its table).
    var ordinal: Int {
        switch self {
        case .customers: 0
        case .articles: 1
        case .units: 2
        case .prices: 3
        case .projects: 4
        case .costcenters: 5
        case .suppliers: 6
        case .invoices: 7
        case .invoicepayments: 8
        case .supplierinvoices: 9
        }
    }

    /// The OAuth scope a token needs for this resource [doc scopes].
    var scope: String {
        switch self {
        case .customers: "customer"
        case .articles: "article"
        // INVENTED: the reference marks the scope for units UNVERIFIED ("probably settings").
        case .units: "settings"
        case .prices: "price"
        case .projects: "project"
        case .costcenters: "costcenter"
        case .suppliers: "supplier"
        case .invoices: "invoice"
        case .invoicepayments: "payment"
        case .supplierinvoices: "supplierinvoice"
        }
    }
}
