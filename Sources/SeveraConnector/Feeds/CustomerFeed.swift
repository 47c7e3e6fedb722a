import HTTPSupport
import SyncCore

/// The customer change feed: customers changed since the cursor's `customers` position, plus every
/// customer whose addresses changed since its `addresses` position (Severa leaves the customer's stamp
/// alone when an address changes), each with all its addresses.
///
/// - **First listing** (no `addresses` position): the whole `/v1/addresses` register is read first (one
///   request per 1000 addresses) and the customers' pages are completed from it, so 10,000 customers
///   cost about 100 customer pages plus their address pages, not one request per customer.
/// - **Incremental**: `/v1/addresses?changedSince=` names the customers whose addresses changed; the
///   changed customers' pages get their addresses one customer at a time until
///   ``SeveraConnector/Options/addressIndexThreshold`` customers were read that way, then from one read of
///   the whole register; customers whose addresses changed but which were not listed are read by number
///   afterwards, 50 per request.
/// - A customer created while a first listing runs may come without the addresses added after the
///   register was read; the `addresses` position makes the next listing read it again.
/// - **Look-back** (rule O3): the newest customers and addresses are listed again because the cursor
///   lies a look-back before them; the cursor remembers those delivered (guid and stamp, see
///   ``CursorTracker``). A listed address remembered with the same stamp does not make its customer
///   changed; a listed customer remembered with the same stamp, none of whose addresses changed, is
///   skipped without reading its addresses.
/// - Deleting an address changes no stamp Severa exposes (there is no deleted-addresses feed): such a
///   change reaches the feed with the customer's next change. UNVERIFIED how Severa behaves.
actor CustomerFeed {
    /// The routes in the cursor.
    static let routes = ["addresses", "customers"]
    /// Customer numbers per re-read request.
    static let numbersPerRequest = 50

    private let context: SeveraContext
    private let previous: FeedCursor
    private var tracker: CursorTracker
    private var customers: ListPager
    private var prepared = false
    private var countries = ReferenceData.Table()
    /// Every customer's addresses, once read.
    private var index: [String: AddressList]?
    /// Customers whose addresses changed, with their numbers when known, in the order first seen.
    private var changedOwners: [(guid: String, number: Int64?)] = []
    /// The guids of ``changedOwners``.
    private var changedOwnerGUIDs: Set<String> = []
    private var emitted: Set<String> = []
    private var singleReads = 0
    private var finished = false

    /// Creates the feed; nothing is read until the first page is asked for.
    init(context: SeveraContext, previous: FeedCursor) {
        self.context = context
        self.previous = previous
        self.tracker = CursorTracker(previous: previous, started: context.clock.now())
        self.customers = ListPager(
            path: "/v1/customers", query: previous.filter("customers"), style: .token, area: .customers)
    }

    /// The stream of pages.
    nonisolated func stream() -> AsyncThrowingStream<ChangePage<Customer>, any Error> {
        AsyncThrowingStream(unfolding: { try await self.next() })
    }

    /// The next page, or `nil` after the last.
    func next() async throws(ConnectorError) -> ChangePage<Customer>? {
        guard !finished else { return nil }
        if !prepared { try await prepare() }
        while !customers.isFinished {
            var pager = customers
            let objects = try await pager.next(using: context.api)
            customers = pager
            let items = try await items(for: objects)
            if customers.isFinished, pendingOwners.isEmpty { return finish(items) }
            if !items.isEmpty { return ChangePage(items: items, nextCursor: nil) }
        }
        let pending = pendingOwners
        guard !pending.isEmpty else { return finish([]) }
        let batch = Array(pending.prefix(Self.numbersPerRequest))
        let items = try await items(for: try await reread(batch))
        // Owners that no longer exist are not re-read again.
        for owner in batch { emitted.insert(owner.guid) }
        if pendingOwners.isEmpty { return finish(items) }
        return ChangePage(items: items, nextCursor: nil)
    }

    private var pendingOwners: [(guid: String, number: Int64?)] {
        changedOwners.filter { !emitted.contains($0.guid) }
    }

    private func finish(_ items: [PageItem<Customer>]) -> ChangePage<Customer> {
        finished = true
        let cursor = tracker.cursor(finished: context.clock.now(), overlap: context.options.changeFeedOverlap)
        return ChangePage(items: items, nextCursor: cursor)
    }

    /// Reads the countries and the addresses that changed (all of them on a first listing).
    private func prepare() async throws(ConnectorError) {
        countries = try await context.references.countryTable()
        let firstListing = previous.positions["addresses"] == nil
        let (lists, latest) = try await CustomerAddresses.index(
            since: firstListing ? nil : previous, context: context, countries: countries)
        if let latest { tracker.see("addresses", latest) }
        if firstListing {
            index = lists
        } else {
            for (guid, list) in lists.sorted(by: { $0.key < $1.key }) where !deliveredBefore(list) {
                changedOwners.append((guid, list.addresses.lazy.compactMap(\.customerNumber).first))
                changedOwnerGUIDs.insert(guid)
            }
        }
        prepared = true
    }

    /// Whether every listed address of `list` was delivered before with the same stamp (they are listed
    /// again only because of the look-back); remembers them again when so.
    private func deliveredBefore(_ list: AddressList) -> Bool {
        guard list.problem == nil,
            list.addresses.allSatisfy({ tracker.wasDelivered("addresses", guid: $0.guid, stamp: $0.stamp) })
        else { return false }
        for address in list.addresses { tracker.deliver("addresses", guid: address.guid, stamp: address.stamp) }
        return true
    }

    /// Whether a listed customer model was delivered before with the same stamp and none of its addresses
    /// changed since; remembers it again when so.
    private func deliveredBefore(_ object: WireObject) -> Bool {
        guard let stamp = try? object.stamp().stamp, let guid = try? object.guid().lowercased(),
            !changedOwnerGUIDs.contains(guid), tracker.wasDelivered("customers", guid: guid, stamp: stamp)
        else { return false }
        tracker.deliver("customers", guid: guid, stamp: stamp)
        return true
    }

    /// Reads customers by number (by guid when the number is unknown).
    private func reread(_ owners: [(guid: String, number: Int64?)]) async throws(ConnectorError) -> [WireObject] {
        var objects: [WireObject] = []
        let numbers = owners.compactMap(\.number)
        if !numbers.isEmpty {
            var pager = ListPager(
                path: "/v1/customers", query: numbers.map { QueryItem("numbers", String($0)) }, style: .token,
                area: .customers)
            objects += try await pager.all(using: context.api)
        }
        for owner in owners where owner.number == nil {
            do {
                let reply = try await context.api.send(
                    .get, "/v1/customers/\(SeveraAPI.segment(owner.guid))", area: .customers)
                objects.append(try ListPager.record(of: reply, api: context.api))
            } catch  where error.kind == .notFound {
                continue
            }
        }
        return objects
    }

    /// The items of a page of customer models, each completed with its addresses.
    private func items(for listed: [WireObject]) async throws(ConnectorError) -> [PageItem<Customer>] {
        for object in listed {
            if let stamp = try? object.stamp() { tracker.see("customers", stamp.stamp) }
        }
        let objects = listed.filter { !deliveredBefore($0) }
        if index == nil, singleReads + objects.count > context.options.addressIndexThreshold {
            let (lists, latest) = try await CustomerAddresses.index(since: nil, context: context, countries: countries)
            if let latest { tracker.see("addresses", latest) }
            index = lists
        }
        var items: [PageItem<Customer>] = []
        items.reserveCapacity(objects.count)
        for object in objects {
            guard let guid = try? object.guid().lowercased() else {
                items.append(.unreadable(unreadable(object, WireError(field: "guid", reason: "missing"))))
                continue
            }
            emitted.insert(guid)
            let addresses: AddressList
            if let index {
                addresses = index[guid] ?? AddressList()
            } else {
                singleReads += 1
                addresses = try await CustomerAddresses.of(customer: guid, context: context, countries: countries)
                for address in addresses.addresses { tracker.see("addresses", address.stamp) }
            }
            do {
                items.append(
                    .record(try CustomerEndpoint.remote(object, addresses: addresses, options: context.options)))
                remember(object, guid: guid, addresses: addresses)
            } catch {
                items.append(.unreadable(unreadable(object, error)))
            }
        }
        return items
    }

    /// Notes a customer delivered with `addresses`, so the look-back does not deliver it again unchanged.
    private func remember(_ object: WireObject, guid: String, addresses: AddressList) {
        guard let stamp = try? object.stamp().stamp, addresses.problem == nil else { return }
        tracker.deliver("customers", guid: guid, stamp: stamp)
        for address in addresses.addresses { tracker.deliver("addresses", guid: address.guid, stamp: address.stamp) }
    }

    private func unreadable(_ object: WireObject, _ error: WireError) -> UnreadableRecord {
        UnreadableRecord(
            id: try? object.guid(), naturalKey: CustomerMapping.naturalKey(object), reason: error.description)
    }
}
