import Foundation
import JSONSupport
import SandboxKit

/// The organisation's registers (`settings:*` scopes, users under `users:*`).
enum SettingsDefinitions {
    /// `VatRateOutputModel`; `countryGuid` defaults to the organisation's country.
    static let vatRates = ResourceDefinition(
        kind: .vatRates,
        schema: RecordSchema(
            [
                .guidField, FieldSpec(name: "percentage", kind: .decimal, required: true, nullable: false),
                .text("code", maxLength: 10), .flag("isActive", default: true), .flag("isDefault"),
                .text("countryGuid"),
            ] + FieldSpec.auditFields),
        finish: { draft, store throws(SeveraAPIError) in
            if draft.mode.isCreate {
                draft.setDefault("countryGuid", .string(SeveraGUID.string(store.organisationCountry)))
            }
            try requireExisting(&draft, field: "countryGuid", kind: .countries, store: store)
        }
    )

    /// `SalesAccountModel`; `name` and `number` (a string) are required.
    static let salesAccounts = ResourceDefinition(
        kind: .salesAccounts,
        schema: RecordSchema(
            [
                .guidField, .text("name", required: true), .text("number", required: true),
                .flag("isActive", default: true), .flag("isProductDefault"), .flag("isWorkTypeDefault"),
                .flag("isTravelTypeDefault"),
            ] + FieldSpec.auditFields)
    )

    /// `CurrencyOutputModel`; the API only reads and patches currencies, seeds add them.
    static let currencies = ResourceDefinition(
        kind: .currencies,
        schema: RecordSchema(
            [
                .guidField, .text("name"), .text("code", required: true, access: .createOnly),
                .number("rate", absent: 1), .text("symbol"), .flag("isActive", default: true),
                .flag("isOrganizationCurrency", access: .seedOnly),
            ] + FieldSpec.auditFields)
    )

    /// `CountryModel`, looked up by guid, `code2`, `code3` or name.
    static let countries = ResourceDefinition(
        kind: .countries,
        schema: RecordSchema([
            .guidField, .text("name"), .text("englishName"), .text("code2"), .text("code3"),
            .choice("hasRegions", ["NoRegion", "Unknown", "HasRegions"], absent: "NoRegion"),
            .text("companyRegisterUrl"), .flag("isInEU"), .text("defaultCulture"), .flag("isRegistrationCountry"),
            .reference("currency", to: .currencies, SeveraDefinitions.currencyModel),
            .reference("defaultLanguage", to: .languages, .named), .foreign("timezone", "time zone"),
        ])
    )

    /// `LanguageModel`.
    static let languages = ResourceDefinition(
        kind: .languages,
        schema: RecordSchema([
            .guidField, .text("name"), .text("englishName"), .text("code"), .flag("isInvoiceLanguage"),
        ])
    )

    /// `UserOutputModel` (the fields an integration touches; the rest render as `null`).
    static let users = ResourceDefinition(
        kind: .users,
        schema: RecordSchema(
            [
                .guidField, .text("firstName", required: true, maxLength: 100),
                .text("lastName", required: true, maxLength: 100), .choice("salutation", ["Mr.", "Mrs.", "Ms."]),
                .flag("isActive", default: true), .text("email"), .text("phone"), .text("socialSecurityNumber"),
                .reference("businessUnit", to: .businessUnits, SeveraDefinitions.businessUnitModel),
                .foreign("workType", "work type"), .foreign("permissionProfile", "permission profile"),
                .reference("superiorUser", to: .users, .copying("name")), .foreign("workContract", "work contract"),
                FieldSpec(name: "lastLogin", kind: .dateTime, access: .readOnly), .text("title"),
                .choice("satisfaction", ["Unsatisfied", "Neutral", "Satisfied", "Unknown"]), .text("code"),
                .text("address"), .text("postalCode"), .text("city"),
                .reference("country", to: .countries, .named), .foreign("countryRegion", "country region"),
                .foreign("culture", "culture"), .reference("language", to: .languages, .named),
                .foreign("timezone", "time zone"), FieldSpec(name: "birthDate", kind: .dateTime),
                .text("bankAccountNumber"), .text("notes"), .stored("keywords"),
                .foreign("defaultActivityType", "activity type"),
                .choice("userType", ["FullUser", "Employee", "RestrictedEmployee", "Subcontractor"]),
                .stored("notificationSettings"),
            ] + FieldSpec.auditFields),
        checkDelete: { record, store throws(SeveraAPIError) in
            if record.guid == store.apiUser { throw .invalidOperation("The API user cannot be deleted.") }
        }
    )

    /// `ProjectStatusTypeModel`.
    static let projectStatusTypes = ResourceDefinition(
        kind: .projectStatusTypes,
        schema: RecordSchema(
            [
                .guidField, .text("name", required: true), .flag("isActive", default: true),
                .integer("sortOrder", absent: 0),
            ] + FieldSpec.auditFields)
    )

    /// `InvoiceStatusModel`. UI checkboxes: *Not editable* = `isReadOnly`, *Invoice number* =
    /// `hasInvoiceNumber`, *Sent* = `isSent`, *Paid* = `isPaid`.
    static let invoiceStatuses = ResourceDefinition(
        kind: .invoiceStatuses,
        schema: RecordSchema(
            [
                .guidField, .text("name", required: true), .flag("isActive", default: true), .flag("isDefault"),
                .flag("isReadOnly"), .flag("hasInvoiceNumber"), .flag("isSent"), .flag("isWaitingPayment"),
                .flag("isPaid"), .flag("isDefaultForCreditNote"), .integer("sortOrder", absent: 0),
            ] + FieldSpec.auditFields),
        afterWrite: { store, position, _ in
            // INVENTED: one default status at a time; marking one clears the flag on the others.
            let record = store[.invoiceStatuses].records[position]
            guard SeveraDefinitions.flag(.invoiceStatuses, record, "isDefault") else { return }
            for (other, candidate) in store[.invoiceStatuses].records.enumerated()
            where other != position && !candidate.isDeleted
                && SeveraDefinitions.flag(.invoiceStatuses, candidate, "isDefault")
            {
                store.updateValues(.invoiceStatuses, position: other, now: record.updatedAt) {
                    $0.set("isDefault", false)
                }
            }
        },
        checkDelete: { record, store throws(SeveraAPIError) in
            // INVENTED: a status in use or the default status cannot be deleted.
            let inUse = store[.invoices].records.contains {
                !$0.isDeleted && store.reference(.invoices, $0, "status") == record.guid
            }
            if inUse || SeveraDefinitions.flag(.invoiceStatuses, record, "isDefault") {
                throw .invalidOperation(
                    "The invoice status is the default or in use by invoices and cannot be deleted.")
            }
        }
    )

    /// `BusinessUnitModel`; the company fields describe the root unit (the organisation).
    static let businessUnits = ResourceDefinition(
        kind: .businessUnits,
        schema: RecordSchema(
            [
                .guidField, .text("name", required: true), .text("parentGuid"), .flag("isActive", default: true),
                .reference("costCenter", to: .costCenters, SeveraDefinitions.costCenterModel), .text("vatNumber"),
                .text("kvkNumber", maxLength: 25),
                .computed("companyGuid") { _, store in .string(SeveraGUID.string(store.rootBusinessUnit)) },
                .computed("companyName") { _, store in
                    store.record(.businessUnits, store.rootBusinessUnit).flatMap {
                        store.value(.businessUnits, $0, "name")
                    } ?? .null
                },
                .computed("companyBusinessUnitGuid") { _, store in .string(SeveraGUID.string(store.rootBusinessUnit)) },
                .computed("companyCountryGuid") { _, store in .string(SeveraGUID.string(store.organisationCountry)) },
                .computed("companyCurrencyGuid") { _, store in .string(SeveraGUID.string(store.organisationCurrency)) },
                .text("code"),
            ] + FieldSpec.auditFields),
        finish: { draft, store throws(SeveraAPIError) in
            if draft.mode.isCreate, draft.guid != store.rootBusinessUnit {
                draft.setDefault("parentGuid", .string(SeveraGUID.string(store.rootBusinessUnit)))
            }
            try requireExisting(&draft, field: "parentGuid", kind: .businessUnits, store: store)
        },
        checkDelete: { record, store throws(SeveraAPIError) in
            // INVENTED: the company unit and units used by projects cannot be deleted.
            let inUse = store[.projects].records.contains {
                !$0.isDeleted && store.reference(.projects, $0, "businessUnit") == record.guid
            }
            if record.guid == store.rootBusinessUnit || inUse {
                throw .invalidOperation("The business unit is the company or in use and cannot be deleted.")
            }
        }
    )

    /// `CostCenterModel`; `name` and `identifier` are required.
    static let costCenters = ResourceDefinition(
        kind: .costCenters,
        schema: RecordSchema(
            [
                .guidField, .text("name", required: true), .text("identifier", required: true),
                .flag("isActive", default: true), .flag("isDefault"),
            ] + FieldSpec.auditFields)
    )

    /// Checks that string field `field` (a guid) names a live record of `kind` and normalizes its case.
    static func requireExisting(_ draft: inout RecordDraft, field: String, kind: SeveraKind, store: SeveraStore)
        throws(SeveraAPIError)
    {
        guard let text = draft.string(field) else { return }
        guard let guid = SeveraGUID.parse(text), store.record(kind, guid) != nil else {
            throw .invalidParameter("\(kind.displayName) with guid '\(text)' was not found.", name: field)
        }
        draft.set(field, .string(SeveraGUID.string(guid)))
    }
}
