import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit

/// `/v1/projects`, `/v1/projectfees`, `/v1/deletedprojectfees`.
enum ProjectRoutes {
    /// Every route of this group.
    static let routes: [SeveraRoute] =
        CrudRoutes.resource(.projects, "projects", list: .token, filter: projectFilter)
        + [
            SeveraRoute(.get, "projects/{}/projectfees", .scope("fees:read")) { context, store throws(SeveraAPIError) in
                let project = try context.guid()
                guard store.record(.projects, project) != nil else { throw .notFound() }
                let query = context.query
                var filter = RecordFilter(.projectFees)
                filter.text("productType", equals: try query.choice("productType", CatalogDefinitions.productTypes))
                if let billable = try query.bool("isBillable") {
                    filter.add { record, store in
                        (store.value(.projectFees, record, "isBillable")?.boolValue ?? true) == billable
                    }
                }
                if let billed = try query.bool("isBilled") {
                    filter.add { record, store in (store.reference(.projectFees, record, "invoice") != nil) == billed }
                }
                return try CrudRoutes.listResponse(
                    store, .projectFees, source: .positions(store[.projectFees].childPositions(of: project)),
                    style: .token, filter: filter, query: query)
            },
            SeveraRoute(.get, "projectfees", .scope("fees:read")) { context, store throws(SeveraAPIError) in
                var filter = RecordFilter(.projectFees)
                filter.changedSince(try context.query.instant("changedSince"))
                return try Paging.tokenPage(store, .projectFees, filter: filter, query: context.query)
            },
            SeveraRoute(.post, "projectfees", .scope("fees:write"), CrudRoutes.create(.projectFees, array: true)),
            SeveraRoute(.get, "projectfees/{}", .scope("fees:read"), CrudRoutes.getOne(.projectFees)),
            SeveraRoute(.patch, "projectfees/{}", .scope("fees:write"), CrudRoutes.patch(.projectFees)),
            SeveraRoute(.delete, "projectfees/{}", .scope("fees:delete"), CrudRoutes.delete(.projectFees)),
            SeveraRoute(.get, "deletedprojectfees", .scope("fees:read")) { context, store throws(SeveraAPIError) in
                let query = context.query
                var filter = RecordFilter(.deletedProjectFees)
                filter.changedSince(try query.instant("deletedSince"))
                filter.owner(in: try query.guids("projectGuids"))
                if let users = try query.guids("userGuids") {
                    filter.add { record, store in
                        store.value(.deletedProjectFees, record, "user")?["guid"]?.stringValue.flatMap(SeveraGUID.parse)
                            .map(users.contains) ?? false
                    }
                }
                return try Paging.tokenPage(store, .deletedProjectFees, filter: filter, query: query)
            },
        ]

    /// Filters of `GET /v1/projects` and `GET /v1/customers/{guid}/projects`.
    static func projectFilter(_ query: ListQuery) throws(SeveraAPIError) -> RecordFilter {
        var filter = RecordFilter(.projects)
        filter.changedSince(try query.instant("changedSince"))
        filter.owner(in: try query.guids("customerGuids"))
        if let projects = try query.guids("projectGuids") { filter.add { record, _ in projects.contains(record.guid) } }
        filter.number("number", in: try query.numbers("numbers"))
        filter.flag("isClosed", equals: try query.bool("isClosed"))
        filter.flag("isInternal", equals: try query.bool("internal"))
        filter.reference("businessUnit", in: try query.guids("businessUnitGuids"))
        filter.reference("projectOwner", in: try query.guids("projectOwnerGuids"))
        filter.reference("salesPerson", in: try query.guids("salesPersonGuids"))
        if let currency = try query.guid("currencyGuid") { filter.reference("currency", in: [currency]) }
        if let types = try query.guids("projectStatusTypeGuids") {
            filter.add { record, store in
                store.value(.projects, record, "projectStatus")?["projectStatusTypeGuid"]?.stringValue
                    .flatMap(SeveraGUID.parse).map(types.contains) ?? false
            }
        }
        if try query.guids("salesStatusTypeGuids") != nil {
            // The emulator has no sales statuses, so no project has one of the asked types.
            filter.add { _, _ in false }
        }
        if let owners = try query.guids("customerOwnerGuids") {
            filter.add { record, store in
                record.owner.flatMap { store.record(.customers, $0) }.flatMap {
                    store.reference(.customers, $0, "owner")
                }.map(owners.contains) ?? false
            }
        }
        return filter
    }
}
