/// Every kind of record the emulator stores (the seedable subset is public as ``SeveraResource``).
enum SeveraKind: Int, CaseIterable, Sendable {
    case customers
    case addresses
    case contactPersons
    case products
    case workTypes
    case travelExpenseTypes
    case vatRates
    case salesAccounts
    case currencies
    case countries
    case languages
    case users
    case projectStatusTypes
    case projects
    case projectFees
    case deletedProjectFees
    case invoices
    case invoiceRows
    case invoiceStatuses
    case businessUnits
    case costCenters
    case files
    case invoiceFiles

    /// The noun used in messages, e.g. "Customer".
    var displayName: String {
        switch self {
        case .customers: "Customer"
        case .addresses: "Address"
        case .contactPersons: "Contact person"
        case .products: "Product"
        case .workTypes: "Work type"
        case .travelExpenseTypes: "Travel expense type"
        case .vatRates: "VAT rate"
        case .salesAccounts: "Sales account"
        case .currencies: "Currency"
        case .countries: "Country"
        case .languages: "Language"
        case .users: "User"
        case .projectStatusTypes: "Project status type"
        case .projects: "Project"
        case .projectFees: "Project fee"
        case .deletedProjectFees: "Deleted project fee"
        case .invoices: "Invoice"
        case .invoiceRows: "Invoice row"
        case .invoiceStatuses: "Invoice status"
        case .businessUnits: "Business unit"
        case .costCenters: "Cost center"
        case .files: "File"
        case .invoiceFiles: "Invoice file"
        }
    }

    /// The scope area of the routes that serve this kind (`customers` → `customers:read`).
    var scopeArea: String {
        switch self {
        case .customers, .addresses, .contactPersons: "customers"
        case .projects: "projects"
        case .projectFees, .deletedProjectFees: "fees"
        case .invoices, .invoiceRows: "invoices"
        case .users: "users"
        case .files, .invoiceFiles: "files"
        case .products, .workTypes, .travelExpenseTypes, .vatRates, .salesAccounts, .currencies, .countries,
            .languages, .projectStatusTypes, .invoiceStatuses, .businessUnits, .costCenters:
            "settings"
        }
    }
}
