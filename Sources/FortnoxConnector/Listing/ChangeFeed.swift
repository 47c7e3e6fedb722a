import Foundation
import HTTPSupport
import SyncCore

/// Reads a Fortnox list page by page (`limit` up to 500, until `@CurrentPage >= @TotalPages`) and
/// expands each partial list item into canonical records, usually with one detail GET per item.
///
/// - **Cursor.** The last page carries the cursor made from the server's `Date` on the first page's
///   answer (see ``LastModifiedCursor/cursor(forServerDate:)``), or, from a server that sends none, from
///   the local time taken before the first request less the overlap; either way the engine's rule "no
///   later than the listing's start" holds.
/// - **Stable pages.** Fortnox pages by position, so a record inserted or deleted between two page
///   requests shifts the pages. A key already listed is never listed twice (a shift backwards would
///   repeat it), and when `@TotalResources` shrinks between pages (a deletion shifted later records
///   forward, possibly past the page boundary) the listing restarts from page 1, skipping keys already
///   listed (at most three times per listing).
/// - **Failures.** A list item without its key, and a detail that cannot be read or mapped, become
///   ``PageItem/unreadable(_:)`` with the reason; a record deleted between list and detail (404) is left
///   out; authentication, scope and availability failures end the listing with the error.
///
/// Pull-based: a page is requested only when the consumer asks for the next one.
actor ChangeFeed<Record: SyncRecord> {
    /// Turns one list item with its key into page items (none for a record that vanished).
    typealias Expansion = @Sendable (WireEntity, String) async throws(ConnectorError) -> [PageItem<Record>]

    private let api: FortnoxAPI
    private let resource: ListResource
    private let parameters: [(name: String, value: String)]
    private let cursor: LastModifiedCursor
    private let clock: any WallClock
    private let pageSize: Int
    private let concurrency: Int
    private let expand: Expansion

    private var startedAt: Date?
    private var serverStartedAt: Date?
    private var nextPage = 1
    private var finished = false
    private var seenKeys: Set<String> = []
    private var lastTotal: Int?
    private var restarts = 0

    /// Creates a feed.
    ///
    /// - Parameters:
    ///   - api: The Fortnox API.
    ///   - resource: The resource listed.
    ///   - since: The cursor of the previous complete listing; `nil` lists everything.
    ///   - filter: Further query items, e.g. `filter=fullypaid`.
    ///   - cursor: Makes the next cursor.
    ///   - clock: The local clock.
    ///   - pageSize: Items per page (Fortnox allows up to 500).
    ///   - concurrency: Expansions running at once.
    ///   - expand: The expansion of one list item.
    init(
        api: FortnoxAPI, resource: ListResource, since: ChangeCursor?, filter: [(name: String, value: String)] = [],
        cursor: LastModifiedCursor, clock: any WallClock, pageSize: Int, concurrency: Int,
        expand: @escaping Expansion
    ) {
        self.api = api
        self.resource = resource
        self.parameters = filter + (since.map { [(name: "lastmodified", value: $0.value)] } ?? [])
        self.cursor = cursor
        self.clock = clock
        self.pageSize = pageSize
        self.concurrency = concurrency
        self.expand = expand
    }

    /// The next page, or `nil` after the last one.
    ///
    /// - Throws: ``ConnectorError`` when the listing cannot go on.
    func next() async throws(ConnectorError) -> ChangePage<Record>? {
        guard !finished else { return nil }
        let start = startedAt ?? clock.now()
        startedAt = start
        while true {
            let call = FortnoxCall(
                .get, [resource.path],
                query: parameters + [(name: "limit", value: String(pageSize)), (name: "page", value: String(nextPage))])
            let page = try await api.listPage(call, listKey: resource.listKey)
            if let lastTotal, page.totalResources < lastTotal, restarts < 3 {
                restarts += 1
                self.lastTotal = nil
                nextPage = 1
                continue
            }
            lastTotal = page.totalResources
            if serverStartedAt == nil { serverStartedAt = page.serverDate }
            let items = try await items(of: page)
            // Fortnox's own page count ends the listing; so do an empty page and our own count (a
            // server that ignored `page` would otherwise be asked forever).
            if page.currentPage >= page.totalPages || nextPage >= page.totalPages || page.items.isEmpty {
                finished = true
                let next =
                    serverStartedAt.map(cursor.cursor(forServerDate:))
                    ?? cursor.cursor(forListingStartedAt: start)
                return ChangePage(items: items, nextCursor: next)
            }
            nextPage += 1
            return ChangePage(items: items, nextCursor: nil)
        }
    }

    /// The page items of the list items not listed before, in list order.
    private func items(of page: ListPage) async throws(ConnectorError) -> [PageItem<Record>] {
        var slots: [Slot] = []
        for item in page.items {
            do {
                let key = try item.requiredText(resource.keyField)
                guard seenKeys.insert(key).inserted else { continue }
                slots.append(.expand(item, key))
            } catch {
                let reason = "a \(resource.noun) in the list has no usable key: \(error)"
                slots.append(.ready(.unreadable(UnreadableRecord(id: nil, naturalKey: nil, reason: reason))))
            }
        }
        let expand = self.expand
        let expanded = try await OrderedConcurrentMap.map(slots, limit: concurrency) {
            slot throws(ConnectorError) -> [PageItem<Record>] in
            switch slot {
            case .ready(let item): return [item]
            case .expand(let entity, let key): return try await expand(entity, key)
            }
        }
        return expanded.flatMap { $0 }
    }

    private enum Slot: Sendable {
        case ready(PageItem<Record>)
        case expand(WireEntity, String)
    }
}

extension ChangeFeed {
    /// The feed as the stream the engine reads.
    nonisolated var stream: AsyncThrowingStream<ChangePage<Record>, any Error> {
        AsyncThrowingStream { try await self.next() }
    }
}

extension ConnectorError {
    /// Whether the failure concerns one record only (its detail could not be read or mapped), so a
    /// listing reports it as unreadable and goes on; other failures end the listing.
    var concernsOneRecord: Bool {
        kind == .malformedResponse || kind == .rejected || kind == .invalidRecord
    }
}
