import Foundation
import JSONSupport
import SandboxKit

/// The definition of every kind, and the sub-models several kinds share.
enum SeveraDefinitions {
    private static let all: [ResourceDefinition] = SeveraKind.allCases.map(make)

    /// The definition of `kind`.
    static func definition(_ kind: SeveraKind) -> ResourceDefinition {
        all[kind.rawValue]
    }

    /// The schema of `kind`.
    static func schema(_ kind: SeveraKind) -> RecordSchema {
        all[kind.rawValue].schema
    }

    private static func make(_ kind: SeveraKind) -> ResourceDefinition {
        switch kind {
        case .customers: CustomerDefinitions.customers
        case .addresses: CustomerDefinitions.addresses
        case .contactPersons: CustomerDefinitions.contactPersons
        case .products: CatalogDefinitions.products
        case .workTypes: CatalogDefinitions.workTypes
        case .travelExpenseTypes: CatalogDefinitions.travelExpenseTypes
        case .vatRates: SettingsDefinitions.vatRates
        case .salesAccounts: SettingsDefinitions.salesAccounts
        case .currencies: SettingsDefinitions.currencies
        case .countries: SettingsDefinitions.countries
        case .languages: SettingsDefinitions.languages
        case .users: SettingsDefinitions.users
        case .projectStatusTypes: SettingsDefinitions.projectStatusTypes
        case .invoiceStatuses: SettingsDefinitions.invoiceStatuses
        case .businessUnits: SettingsDefinitions.businessUnits
        case .costCenters: SettingsDefinitions.costCenters
        case .projects: ProjectDefinitions.projects
        case .projectFees: ProjectFeeDefinitions.projectFees
        case .deletedProjectFees: ProjectFeeDefinitions.deletedProjectFees
        case .invoices: InvoiceDefinitions.invoices
        case .invoiceRows: InvoiceDefinitions.invoiceRows
        case .files: InvoiceDefinitions.files
        case .invoiceFiles: InvoiceDefinitions.invoiceFiles
        }
    }

    // MARK: - Shared sub-models

    /// `UserWithFirstNameLastNameAndPhotoFileModel`: `{code, name, guid, firstName, lastName}`.
    static let userModel = SubModel([
        ("guid", .guid), ("code", .field("code")), ("name", .fullName), ("firstName", .field("firstName")),
        ("lastName", .field("lastName")),
    ])

    /// `createdBy` / `lastUpdatedBy`.
    static let auditUser = ReferenceSpec(target: .users, subModel: userModel)

    /// `{guid, name, number}` of a customer (`AddressCustomer`, `InvoiceCustomerSubModel`, …).
    static let customerModel = SubModel.copying("name", "number")

    /// `{guid, name, code, symbol}` of a currency.
    static let currencyModel = SubModel.copying("name", "code", "symbol")

    /// `{guid, name, englishName, code}` of a language.
    static let languageModel = SubModel.copying("name", "englishName", "code")

    /// `{guid, name, number}` of a sales account.
    static let salesAccountModel = SubModel.copying("name", "number")

    /// `{guid, name, identifier}` of a cost center.
    static let costCenterModel = SubModel.copying("name", "identifier")

    /// `BusinessUnitSubModel`.
    static let businessUnitModel = SubModel.copying(
        "name", "code", "companyGuid", "companyName", "companyBusinessUnitGuid", "companyCountryGuid",
        "companyCurrencyGuid")

    // MARK: - Helpers for hooks

    /// The organisation's default record of `kind`: the first live one whose `isDefault` is true.
    static func defaultRecord(_ kind: SeveraKind, in store: SeveraStore) -> StoredRecord? {
        guard let index = schema(kind).index(of: "isDefault") else { return nil }
        return store[kind].records.first { !$0.isDeleted && StoredValue.isTrue($0.fields.value(of: index)) }
    }

    /// Whether boolean field `name` of `record` is true.
    static func flag(_ kind: SeveraKind, _ record: StoredRecord, _ name: String) -> Bool {
        guard let index = schema(kind).index(of: name) else { return false }
        return StoredValue.isTrue(record.fields.value(of: index))
    }

    /// The `{guid}`-only reference value `{"guid": …}`.
    static func guidOnly(_ guid: UUID?) -> JSONValue {
        guid.map { ["guid": .string(SeveraGUID.string($0))] } ?? .null
    }
}
