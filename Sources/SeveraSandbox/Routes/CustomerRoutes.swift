import Foundation
import HTTPSupport
import SandboxKit

/// `/v1/customers`, `/v1/addresses`, `/v1/contactpersons` and the customer sub-routes.
enum CustomerRoutes {
    /// Every route of this group.
    static let routes: [SeveraRoute] =
        CrudRoutes.resource(.customers, "customers", list: .token, filter: customerFilter).map(narrowByNumber)
        + [
            SeveraRoute(.get, "customers/{}/addresses", .scope("customers:read")) {
                context, store throws(SeveraAPIError) in
                let customer = try context.guid()
                guard store.record(.customers, customer) != nil else { throw .notFound() }
                return try CrudRoutes.listResponse(
                    store, .addresses, source: .positions(store[.addresses].childPositions(of: customer)),
                    style: .offset(defaultAll: false), filter: RecordFilter(.addresses), query: context.query)
            },
            SeveraRoute(
                .post, "customers/{}/addresses", .scope("customers:write"),
                CrudRoutes.createOwned(.addresses, owner: .customers)),
            SeveraRoute(.get, "customers/{}/contactpersons", .scope("customers:read")) {
                context, store throws(SeveraAPIError) in
                let customer = try context.guid()
                guard store.record(.customers, customer) != nil else { throw .notFound() }
                return try CrudRoutes.listResponse(
                    store, .contactPersons, source: .positions(store[.contactPersons].childPositions(of: customer)),
                    style: .offset(defaultAll: false), filter: try contactFilter(context.query), query: context.query)
            },
            SeveraRoute(.get, "customers/{}/projects", .scope("projects:read")) {
                context, store throws(SeveraAPIError) in
                let customer = try context.guid()
                guard store.record(.customers, customer) != nil else { throw .notFound() }
                return try CrudRoutes.listResponse(
                    store, .projects, source: .positions(store[.projects].childPositions(of: customer)),
                    style: .token, filter: try ProjectRoutes.projectFilter(context.query), query: context.query)
            },
        ]
        + CrudRoutes.resource(
            .addresses, "addresses", list: .offset(defaultAll: false), operations: ["patch", "delete"]
        ) {
            query throws(SeveraAPIError) in
            var filter = RecordFilter(.addresses)
            filter.changedSince(try query.instant("changedSince"))
            return filter
        }
        + CrudRoutes.resource(
            .contactPersons, "contactpersons", list: .offset(defaultAll: false), filter: contactFilter)

    /// Filters of `GET /v1/customers`.
    ///
    /// UNVERIFIED: `customerNames` and `emailAddresses` match whole values ignoring case.
    static func customerFilter(_ query: ListQuery) throws(SeveraAPIError) -> RecordFilter {
        var filter = RecordFilter(.customers)
        filter.flag("isActive", equals: try query.bool("isActive"))
        filter.flag("isInternal", equals: try query.bool("isInternal"))
        filter.number("number", in: try query.numbers("numbers"))
        filter.changedSince(try query.instant("changedSince"))
        filter.texts("email", in: query.strings("emailAddresses"), ignoringCase: true)
        filter.texts("name", in: query.strings("customerNames"), ignoringCase: true)
        filter.text("vatNumber", equals: query.value("vatNumber"))
        filter.text("kvkNumber", equals: query.value("kvkNumber"))
        filter.reference("owner", in: try query.guids("customerOwnerGuids"))
        return filter
    }

    private static func contactFilter(_ query: ListQuery) throws(SeveraAPIError) -> RecordFilter {
        var filter = RecordFilter(.contactPersons)
        filter.flag("isActive", equals: try query.bool("active"))
        filter.changedSince(try query.instant("changedSince"))
        filter.search(["firstName", "lastName", "jobTitle"], query.value("textToSearch"))
        return filter
    }

    /// Serves `numbers=` lookups of the customer list from the number index instead of a scan.
    private static func narrowByNumber(_ route: SeveraRoute) -> SeveraRoute {
        guard route.method == .get, route.pattern == ["customers"] else { return route }
        return SeveraRoute(.get, "customers", route.access) { context, store throws(SeveraAPIError) in
            let query = context.query
            guard let numbers = try query.numbers("numbers") else { return try route.handler(context, &store) }
            let positions = numbers.compactMap { store.guid(.customers, number: $0) }
                .compactMap { store[.customers].position(of: $0) }.sorted().map { Int32($0) }
            return try CrudRoutes.listResponse(
                store, .customers, source: .positions(positions), style: .token, filter: try customerFilter(query),
                query: query)
        }
    }
}
