import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit

/// The route shapes most Severa resources share: list, get one, create, patch, delete.
enum CrudRoutes {
    /// Builds a list's filter from its query.
    typealias FilterBuilder = @Sendable (ListQuery) throws(SeveraAPIError) -> RecordFilter

    /// How a list route pages.
    enum ListStyle: Sendable {
        /// `pageToken` / `NextPageToken`.
        case token
        /// `firstRow` / `rowCount`; `defaultAll` when `rowCount` defaults to everything.
        case offset(defaultAll: Bool)
        /// No paging.
        case unpaged
    }

    /// `GET path` (list), `POST path`, `GET|PATCH|DELETE path/{guid}`, as `operations` asks.
    static func resource(
        _ kind: SeveraKind, _ path: String, list: ListStyle, operations: Set<String> = ["post", "patch", "delete"],
        filter: @escaping FilterBuilder
    ) -> [SeveraRoute] {
        var routes = [
            SeveraRoute(.get, path, .scope(scope(kind, "read"))) { context, store throws(SeveraAPIError) in
                try listResponse(store, kind, style: list, filter: try filter(context.query), query: context.query)
            },
            SeveraRoute(.get, "\(path)/{}", .scope(scope(kind, "read")), getOne(kind)),
        ]
        if operations.contains("post") {
            routes.append(SeveraRoute(.post, path, .scope(scope(kind, "write")), create(kind)))
        }
        if operations.contains("patch") {
            routes.append(SeveraRoute(.patch, "\(path)/{}", .scope(scope(kind, "write")), patch(kind)))
        }
        if operations.contains("delete") {
            routes.append(SeveraRoute(.delete, "\(path)/{}", .scope(scope(kind, "delete")), delete(kind)))
        }
        return routes
    }

    /// `area:access` for `kind`, e.g. `customers:write`.
    static func scope(_ kind: SeveraKind, _ access: String) -> String {
        "\(kind.scopeArea):\(access)"
    }

    /// A list response in `style`.
    static func listResponse(
        _ store: SeveraStore, _ kind: SeveraKind, source: CandidateSource = .all, style: ListStyle,
        filter: RecordFilter, query: ListQuery
    ) throws(SeveraAPIError) -> HTTPResponse {
        switch style {
        case .token: try Paging.tokenPage(store, kind, source: source, filter: filter, query: query)
        case .offset(let defaultAll):
            try Paging.offsetPage(store, kind, source: source, filter: filter, query: query, defaultAll: defaultAll)
        case .unpaged: Paging.all(store, kind, filter: filter)
        }
    }

    /// `GET …/{guid}`: 200 with the model, 404 without body.
    static func getOne(_ kind: SeveraKind) -> SeveraRoute.Handler {
        { context, store throws(SeveraAPIError) in
            guard let record = store.record(kind, try context.guid()) else { throw .notFound() }
            return model(200, store, kind, record)
        }
    }

    /// `POST …`: 201 with the created model.
    static func create(_ kind: SeveraKind, array: Bool = false) -> SeveraRoute.Handler {
        { context, store throws(SeveraAPIError) in
            let draft = try store.draftForCreate(kind, body: try context.body(), mode: .create, now: context.now)
            let position = store.commit(draft)
            let record = store[kind].records[position]
            return array ? models(201, store, kind, [record]) : model(201, store, kind, record)
        }
    }

    /// `POST …/{ownerGuid}/…`: 201 with the created model, owned by the record in the path (404 if none).
    static func createOwned(_ kind: SeveraKind, owner ownerKind: SeveraKind) -> SeveraRoute.Handler {
        { context, store throws(SeveraAPIError) in
            let owner = try context.guid()
            guard store.record(ownerKind, owner) != nil else { throw .notFound() }
            let draft = try store.draftForCreate(
                kind, body: try context.body(), mode: .create, now: context.now, owner: owner)
            let position = store.commit(draft)
            return model(201, store, kind, store[kind].records[position])
        }
    }

    /// `PATCH …/{guid}` with a JSON Patch body: 200 with `[model]`.
    static func patch(_ kind: SeveraKind) -> SeveraRoute.Handler {
        { context, store throws(SeveraAPIError) in
            guard let record = store.record(kind, try context.guid()) else { throw .notFound() }
            let draft = try store.draftForPatch(kind, record: record, operations: try context.body(), now: context.now)
            let position = store.commit(draft)
            return models(200, store, kind, [store[kind].records[position]])
        }
    }

    /// `DELETE …/{guid}`: 204.
    static func delete(_ kind: SeveraKind) -> SeveraRoute.Handler {
        { context, store throws(SeveraAPIError) in
            try store.delete(kind, try context.guid(), now: context.now)
            return .empty(204)
        }
    }

    /// A response holding one model.
    static func model(_ status: Int, _ store: SeveraStore, _ kind: SeveraKind, _ record: StoredRecord) -> HTTPResponse {
        var bytes: [UInt8] = []
        store.render(kind, record, to: &bytes)
        return HTTPResponse(
            status: status, headers: ["Content-Type": "application/json; charset=utf-8"], body: Data(bytes))
    }

    /// A response holding an array of models.
    static func models(_ status: Int, _ store: SeveraStore, _ kind: SeveraKind, _ records: [StoredRecord])
        -> HTTPResponse
    {
        HTTPResponse(
            status: status, headers: ["Content-Type": "application/json; charset=utf-8"],
            body: Data(store.renderArray(kind, records)))
    }
}
