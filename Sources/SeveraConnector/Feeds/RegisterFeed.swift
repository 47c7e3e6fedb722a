import HTTPSupport
import SyncCore

/// One Severa list route of a change feed: how to page it and how to map its records.
struct RegisterListing<Record: SyncRecord>: Sendable {
    /// The route's name in the cursor, e.g. `projects`.
    let route: String
    /// The pager, already filtered by `changedSince` when the cursor has a position for the route.
    var pager: ListPager
    /// Maps one record; a ``WireError`` makes it an unreadable item.
    let map: @Sendable (WireObject) throws(WireError) -> RemoteRecord<Record>
    /// The id and natural key of a record that could not be mapped, as far as they can be read.
    let identify: @Sendable (WireObject) -> (id: String?, key: String?)
}

/// A change feed over one or more routes read one after the other (projects; the three product
/// registers), pulled page by page: each page the engine asks for costs one request.
///
/// Every record becomes an item: mapped, or ``PageItem/unreadable(_:)`` with its id, key and the field
/// at fault; except a record the cursor remembers as delivered with the same guid and stamp, which is
/// listed again only because of the look-back and is skipped (rule O3). Empty intermediate pages are
/// skipped; the last page carries the next cursor (see ``CursorTracker``), even when empty.
actor RegisterFeed<Record: SyncRecord> {
    private let context: SeveraContext
    private var listings: [RegisterListing<Record>]
    private var current = 0
    private var tracker: CursorTracker
    private var finished = false

    /// Creates a feed; nothing is read until the first page is asked for.
    init(context: SeveraContext, listings: [RegisterListing<Record>], previous: FeedCursor) {
        self.context = context
        self.listings = listings
        self.tracker = CursorTracker(previous: previous, started: context.clock.now())
    }

    /// The stream of pages.
    nonisolated func stream() -> AsyncThrowingStream<ChangePage<Record>, any Error> {
        AsyncThrowingStream(unfolding: { try await self.next() })
    }

    /// The next page, or `nil` after the last.
    func next() async throws(ConnectorError) -> ChangePage<Record>? {
        guard !finished else { return nil }
        while current < listings.count {
            var pager = listings[current].pager
            let objects = try await pager.next(using: context.api)
            listings[current].pager = pager
            let items = objects.compactMap { item($0, listing: listings[current]) }
            if pager.isFinished { current += 1 }
            if current == listings.count { return finish(items) }
            if !items.isEmpty { return ChangePage(items: items, nextCursor: nil) }
        }
        return finish([])
    }

    private func finish(_ items: [PageItem<Record>]) -> ChangePage<Record> {
        finished = true
        let cursor = tracker.cursor(finished: context.clock.now(), overlap: context.options.changeFeedOverlap)
        return ChangePage(items: items, nextCursor: cursor)
    }

    /// The item of a listed record, or `nil` when it was delivered before with the same stamp.
    private func item(_ object: WireObject, listing: RegisterListing<Record>) -> PageItem<Record>? {
        let stamp = try? object.stamp().stamp
        let guid = try? object.guid()
        if let stamp { tracker.see(listing.route, stamp) }
        if let stamp, let guid, tracker.wasDelivered(listing.route, guid: guid, stamp: stamp) {
            tracker.deliver(listing.route, guid: guid, stamp: stamp)
            return nil
        }
        do {
            let record = try listing.map(object)
            if let stamp, let guid { tracker.deliver(listing.route, guid: guid, stamp: stamp) }
            return .record(record)
        } catch {
            let identity = listing.identify(object)
            return .unreadable(UnreadableRecord(id: identity.id, naturalKey: identity.key, reason: error.description))
        }
    }
}
