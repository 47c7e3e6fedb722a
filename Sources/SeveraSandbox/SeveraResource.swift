/// The Severa resources a test or the data generator can seed with ``SeveraEmulator/seed(_:_:)``.
///
/// Seeds take the API's own JSON models (camelCase, references as `{"guid"}`). Invoices, invoice rows
/// and invoice files can only be seeded: the real API creates invoices from projects and has no route
/// that posts rows or invoice attachments.
public enum SeveraResource: String, Sendable, CaseIterable {
    /// `CustomerModel`.
    case customers
    /// `ContactModel` (`customer{guid}` required).
    case contactpersons
    /// `ProductInputModel`.
    case products
    /// `WorkTypeInputModel`.
    case worktypes
    /// `TravelExpenseTypeInputModel`.
    case travelexpensetypes
    /// `VatRateInputModel`.
    case vatrates
    /// `SalesAccountModel`.
    case salesaccounts
    /// `CurrencyOutputModel` (`code` required).
    case currencies
    /// `UserInputModel`.
    case users
    /// `ProjectStatusTypeModel`.
    case projectstatustypes
    /// `ProjectInputModelBase`.
    case projects
    /// `ProjectFeeInputModel`.
    case projectfees
    /// `InvoiceOutputModel` fields: `customer{guid}` required; `projects[{guid}]`, `status{guid}` (default:
    /// the default status), `number`, `referenceNumber`, dates, references and receiver fields optional.
    /// A credit note sets `isCreditNote: true` and `reimburseInvoice{guid}` (the invoice it credits);
    /// `invoiceNumberBusinessUnitGuid` defaults to the first project's business unit. Totals follow
    /// from the rows seeded afterwards.
    case invoices
    /// `InvoiceRowOutputModel` fields plus `invoiceGuid` (required); `salesAccount` / `costCenter` as
    /// `{"guid"}` of a register record or as `{"number","name"}`.
    case invoicerows
    /// `InvoiceStatusModel`.
    case invoicestatuses
    /// `BusinessUnitModel`.
    case businessunits
    /// `CostCenterModel`.
    case costcenters
    /// An invoice attachment: `invoiceGuid`, `name`, `data` (base64) required; `guid`, `contentType`,
    /// `description`, `isInternal`, `sortOrder` optional. Returns the `InvoiceFileModel`; the stored
    /// file's guid (`fileGuid`) is derived from the attachment's.
    case invoicefiles

    /// The stored kind.
    var kind: SeveraKind {
        switch self {
        case .customers: .customers
        case .contactpersons: .contactPersons
        case .products: .products
        case .worktypes: .workTypes
        case .travelexpensetypes: .travelExpenseTypes
        case .vatrates: .vatRates
        case .salesaccounts: .salesAccounts
        case .currencies: .currencies
        case .users: .users
        case .projectstatustypes: .projectStatusTypes
        case .projects: .projects
        case .projectfees: .projectFees
        case .invoices: .invoices
        case .invoicerows: .invoiceRows
        case .invoicestatuses: .invoiceStatuses
        case .businessunits: .businessUnits
        case .costcenters: .costCenters
        case .invoicefiles: .invoiceFiles
        }
    }
}
