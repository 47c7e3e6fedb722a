import Foundation
import HTTPSupport
import SandboxKit

/// The registers under `settings:*` (products, work types, …) and `/v1/users`.
enum SettingsRoutes {
    /// Every route of this group.
    static let routes: [SeveraRoute] =
        CrudRoutes.resource(.products, "products", list: .token) { query throws(SeveraAPIError) in
            var filter = RecordFilter(.products)
            filter.text("type", equals: try query.choice("type", CatalogDefinitions.productTypes))
            filter.flag("isActive", equals: try query.bool("isActive"))
            filter.text("code", equals: query.value("code"))
            filter.changedSince(try query.instant("changedSince"))
            return filter
        }
        + CrudRoutes.resource(.workTypes, "worktypes", list: .offset(defaultAll: false)) {
            query throws(SeveraAPIError) in
            var filter = RecordFilter(.workTypes)
            filter.flag("isActive", equals: try query.bool("active"))
            filter.flag("isProductive", equals: try query.bool("productive"))
            filter.text("code", equals: query.value("code"))
            filter.search(["name", "code"], query.value("textToSearch"))
            filter.changedSince(try query.instant("changedSince"))
            return filter
        }
        + CrudRoutes.resource(.travelExpenseTypes, "travelexpensetypes", list: .offset(defaultAll: true)) {
            query throws(SeveraAPIError) in
            var filter = RecordFilter(.travelExpenseTypes)
            filter.flag("isActive", equals: try query.bool("active"))
            filter.text("code", equals: query.value("code"))
            filter.search(["name", "code"], query.value("textToSearch"))
            filter.changedSince(try query.instant("changedSince"))
            return filter
        }
        + CrudRoutes.resource(.vatRates, "vatrates", list: .unpaged) { query throws(SeveraAPIError) in
            var filter = RecordFilter(.vatRates)
            filter.flag("isActive", equals: try query.bool("active"))
            let country = try query.guid("countryGuid")
            // "If not given, return all vat rates in organizations country."
            filter.add { record, store in
                store.string(.vatRates, record, "countryGuid").flatMap(SeveraGUID.parse)
                    == (country ?? store.organisationCountry)
            }
            return filter
        }
        + CrudRoutes.resource(.salesAccounts, "salesaccounts", list: .offset(defaultAll: false)) {
            query throws(SeveraAPIError) in
            var filter = RecordFilter(.salesAccounts)
            filter.flag("isActive", equals: try query.bool("active"))
            filter.search(["name", "number"], query.value("textToSearch"))
            return filter
        }
        + CrudRoutes.resource(.currencies, "currencies", list: .offset(defaultAll: false), operations: ["patch"]) {
            query throws(SeveraAPIError) in
            var filter = RecordFilter(.currencies)
            filter.flag("isActive", equals: try query.bool("active"))
            filter.search(["name", "code"], query.value("textToSearch"))
            return filter
        }
        + CrudRoutes.resource(.projectStatusTypes, "projectstatustypes", list: .offset(defaultAll: false)) {
            query throws(SeveraAPIError) in
            var filter = RecordFilter(.projectStatusTypes)
            filter.flag("isActive", equals: try query.bool("active"))
            filter.search(["name"], query.value("textToSearch"))
            return filter
        }
        + CrudRoutes.resource(.invoiceStatuses, "invoicestatuses", list: .offset(defaultAll: false)) {
            query throws(SeveraAPIError) in
            var filter = RecordFilter(.invoiceStatuses)
            filter.flag("isActive", equals: try query.bool("active"))
            filter.search(["name"], query.value("textToSearch"))
            return filter
        }
        + CrudRoutes.resource(.businessUnits, "businessunits", list: .offset(defaultAll: false)) {
            query throws(SeveraAPIError) in
            var filter = RecordFilter(.businessUnits)
            filter.flag("isActive", equals: try query.bool("active"))
            filter.text("code", equals: query.value("code"))
            filter.text("name", equals: query.value("name"))
            filter.search(["name"], query.value("textToSearch"))
            filter.changedSince(try query.instant("changedSince"))
            if let company = try query.guid("companyGuid") {
                filter.add { _, store in store.rootBusinessUnit == company }
            }
            return filter
        }
        + CrudRoutes.resource(.costCenters, "costcenters", list: .offset(defaultAll: false)) {
            query throws(SeveraAPIError) in
            var filter = RecordFilter(.costCenters)
            filter.flag("isActive", equals: try query.bool("active"))
            filter.text("identifier", equals: query.value("identifier"))
            filter.text("name", equals: query.value("name"))
            filter.search(["name", "identifier"], query.value("textToSearch"))
            filter.changedSince(try query.instant("changedSince"))
            return filter
        }
        + CrudRoutes.resource(.users, "users", list: .token) { query throws(SeveraAPIError) in
            var filter = RecordFilter(.users)
            filter.flag("isActive", equals: try query.bool("isActive"))
            filter.reference("businessUnit", in: try query.guids("businessUnitGuids"))
            filter.reference("superiorUser", in: try query.guids("supervisorUserGuids"))
            filter.text("code", equals: query.value("code"))
            filter.text("email", equals: query.value("email"), ignoringCase: true)
            filter.changedSince(try query.instant("changedSince"))
            return filter
        }
        + localizationRoutes

    /// `/v1/localization/countries` (by guid, `code2`, `code3` or name) and `/v1/localization/languages`.
    private static let localizationRoutes: [SeveraRoute] = [
        SeveraRoute(.get, "localization/countries", .scope("settings:read")) { _, store throws(SeveraAPIError) in
            Paging.all(store, .countries, filter: RecordFilter(.countries))
        },
        SeveraRoute(.get, "localization/countries/{}", .scope("settings:read")) {
            context, store throws(SeveraAPIError) in
            let key = context.parameters[0]
            if let guid = SeveraGUID.parse(key) {
                guard let record = store.record(.countries, guid) else { throw .notFound() }
                return CrudRoutes.model(200, store, .countries, record)
            }
            // The code2, code3 and name routes answer with an array.
            let field = key.count == 2 ? "code2" : key.count == 3 ? "code3" : "name"
            var filter = RecordFilter(.countries)
            filter.text(field, equals: key, ignoringCase: true)
            if field == "name" {
                filter = RecordFilter(.countries)
                filter.add { record, store in
                    [store.string(.countries, record, "name"), store.string(.countries, record, "englishName")]
                        .contains { $0?.lowercased() == key.lowercased() }
                }
            }
            let matches = store[.countries].records.filter { !$0.isDeleted && filter.matches($0, store) }
            guard !matches.isEmpty else { throw .notFound() }
            return CrudRoutes.models(200, store, .countries, matches)
        },
        SeveraRoute(.get, "localization/languages", .scope("settings:read")) { context, store throws(SeveraAPIError) in
            var filter = RecordFilter(.languages)
            filter.flag("isInvoiceLanguage", equals: try context.query.bool("isInvoiceLanguage"))
            return Paging.all(store, .languages, filter: filter)
        },
        SeveraRoute(.get, "localization/languages/{}", .scope("settings:read"), CrudRoutes.getOne(.languages)),
    ]
}
