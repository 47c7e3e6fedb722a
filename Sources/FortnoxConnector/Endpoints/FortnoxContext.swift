import HTTPSupport
import SyncCore

/// What every endpoint of the connector shares: the API, the clock and the listing settings.
struct FortnoxContext: Sendable {
    /// The Fortnox API.
    let api: FortnoxAPI
    /// The local clock (cursor start times).
    let clock: any WallClock
    /// Makes `lastmodified` cursors.
    let cursor: LastModifiedCursor
    /// Items per list page.
    let pageSize: Int
    /// Detail GETs running at once during a listing.
    let concurrency: Int
    /// Where diagnostics go.
    let log: any DiagnosticLog

    /// A change feed of `resource` since `since`, expanding each list item with `expand`.
    func feed<Record: SyncRecord>(
        _ resource: ListResource, since: ChangeCursor?, filter: [(name: String, value: String)] = [],
        expand: @escaping ChangeFeed<Record>.Expansion
    ) -> AsyncThrowingStream<ChangePage<Record>, any Error> {
        ChangeFeed(
            api: api, resource: resource, since: since, filter: filter, cursor: cursor, clock: clock,
            pageSize: pageSize, concurrency: concurrency, expand: expand
        ).stream
    }

    /// Every entity of a small resource (units, cost centers), listed in full: list items there carry
    /// every field, so no detail GETs.
    func all(_ resource: ListResource) async throws(ConnectorError) -> [WireEntity] {
        var entities: [WireEntity] = []
        var page = 1
        while true {
            let call = FortnoxCall(
                .get, [resource.path],
                query: [(name: "limit", value: String(pageSize)), (name: "page", value: String(page))])
            let listed = try await api.listPage(call, listKey: resource.listKey)
            entities += listed.items
            if listed.currentPage >= listed.totalPages || listed.items.isEmpty { return entities }
            page += 1
        }
    }
}
