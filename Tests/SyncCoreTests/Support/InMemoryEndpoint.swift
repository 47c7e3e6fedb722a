import Foundation
import JSONSupport
import SyncCore
import Synchronization

/// An in-memory ``RecordEndpoint``: records by id, natural-key lookup, a change feed with cursors,
/// injectable failures per operation and record, unreadable items and call counters.
///
/// The change feed stamps every write with an increasing sequence number; a cursor is the sequence
/// number at the moment a listing started, so a listing never hides a write made while it ran. Pages
/// are read lazily, each showing the records' current state (as a live API does).
final class InMemoryEndpoint<Record: SyncRecord>: RecordEndpoint {
    /// An operation failures can be injected into.
    enum Operation: Hashable, Sendable {
        case list
        case find
        case create
        case update
    }

    private struct Stored: Sendable {
        var remote: RemoteRecord<Record>
        var sequence: Int64
    }

    private struct Injected: Sendable {
        var error: ConnectorError
        var key: String?
        var remaining: Int
        var afterApplying: Bool
        var afterPages: Int
        var applied: (@Sendable (Record) -> Record)?
    }

    private struct State: Sendable {
        var records: [String: Stored] = [:]
        var idByKey: [String: String] = [:]
        var sequence: Int64 = 0
        var nextID = 1
        var unreadable: [String: String] = [:]
        var unreadableCauses: [String: ConnectorError] = [:]
        var injected: [Operation: [Injected]] = [:]
        var calls = EndpointCalls()
        var createdRecords: [Record] = []
        var staleCopies: [RemoteRecord<Record>] = []
    }

    let system: String
    let carriedFields: Set<String>
    private let carriedPerRecord: (@Sendable (Record) -> Set<String>)?
    private let idPrefix: String
    private let pageSize: Int
    private let overlap: Int64
    private let givesVersions: Bool
    private let normalize: @Sendable (Record) -> Record
    private let state = Mutex(State())

    /// Creates an endpoint.
    ///
    /// - Parameters:
    ///   - system: The system's name for error messages.
    ///   - idPrefix: Prefix of the ids it assigns.
    ///   - carriedFields: The canonical members it stores for at least one record.
    ///   - carriedPerRecord: The members it stores for one record, when not all of `carriedFields`.
    ///   - pageSize: Records per listing page.
    ///   - overlap: How many sequence numbers before the cursor a listing re-reads.
    ///   - givesVersions: Whether records carry a version stamp (as Severa's `lastUpdatedDateTime`).
    ///   - normalize: What the system does to a record it stores (drop members it lacks, truncate …).
    init(
        system: String, idPrefix: String, carriedFields: Set<String>,
        carriedPerRecord: (@Sendable (Record) -> Set<String>)? = nil, pageSize: Int = 50, overlap: Int64 = 0,
        givesVersions: Bool = false, normalize: @escaping @Sendable (Record) -> Record = { $0 }
    ) {
        self.system = system
        self.idPrefix = idPrefix
        self.carriedFields = carriedFields
        self.carriedPerRecord = carriedPerRecord
        self.pageSize = pageSize
        self.overlap = overlap
        self.givesVersions = givesVersions
        self.normalize = normalize
    }

    // MARK: Test controls

    /// Stores `record` as a user would (a new id, or replacing `id`); returns the id.
    @discardableResult
    func put(_ record: Record, id: String? = nil) -> String {
        state.withLock { state in
            let assigned = id ?? state.idByKey[record.naturalKey] ?? nextID(&state)
            store(normalize(record), id: assigned, in: &state)
            return assigned
        }
    }

    /// Changes the record `id` as a user would.
    func edit(id: String, _ change: (inout Record) -> Void) {
        state.withLock { state in
            guard var record = state.records[id]?.remote.record else { return }
            change(&record)
            store(normalize(record), id: id, in: &state)
        }
    }

    /// Changes the record with natural key `key` as a user would.
    func edit(key: String, _ change: (inout Record) -> Void) {
        guard let id = id(ofKey: key) else { return }
        edit(id: id, change)
    }

    /// The id of the record with natural key `key`.
    func id(ofKey key: String) -> String? { state.withLock { $0.idByKey[key] } }

    /// The record with natural key `key`.
    func record(key: String) -> Record? {
        state.withLock { state in state.idByKey[key].flatMap { state.records[$0]?.remote.record } }
    }

    /// All records, ordered by id.
    var all: [Record] {
        state.withLock { state in state.records.values.sorted { $0.remote.id < $1.remote.id }.map(\.remote.record) }
    }

    /// The number of records.
    var count: Int { state.withLock { $0.records.count } }

    /// The calls made so far.
    var calls: EndpointCalls { state.withLock { $0.calls } }

    /// The records created through ``create(_:)``, in order.
    var created: [Record] { state.withLock { $0.createdRecords } }

    /// The record `id` with its id and version, as a listing would show it now.
    func remote(id: String) -> RemoteRecord<Record>? { state.withLock { $0.records[id]?.remote } }

    /// Deletes the record `id`, as a user would.
    func remove(id: String) {
        state.withLock { state in
            guard let stored = state.records.removeValue(forKey: id) else { return }
            state.idByKey[stored.remote.record.naturalKey] = nil
        }
    }

    /// Makes the next listing show `copy` once more at its end, as an API whose pages shifted while
    /// they were read shows a record twice, the second time in an older state.
    func appendStaleCopyToNextListing(_ copy: RemoteRecord<Record>) {
        state.withLock { $0.staleCopies.append(copy) }
    }

    /// Makes the record `id` unreadable in listings and lookups (`reason` says why).
    func makeUnreadable(id: String, reason: String) {
        state.withLock { $0.unreadable[id] = reason }
    }

    /// Makes the record `id` unreadable in listings because reading it failed with `cause` (a detail
    /// read answered by something that is not the API, say).
    func makeUnreadable(id: String, cause: ConnectorError) {
        state.withLock { state in
            state.unreadable[id] = cause.description
            state.unreadableCauses[id] = cause
        }
    }

    /// Makes the record `id` readable again (the user fixed it); it shows up as changed.
    func makeReadable(id: String) {
        state.withLock { state in
            state.unreadable[id] = nil
            state.unreadableCauses[id] = nil
            if let stored = state.records[id] { store(stored.remote.record, id: id, in: &state) }
        }
    }

    /// Makes `operation` fail with `error` for records with natural key `key` (any record when `nil`),
    /// `times` times. With `afterApplying`, a create or update takes effect before the error is thrown
    /// (a lost response); `applied`, when given, is what a create then stores instead of the record sent
    /// (a create that failed halfway). For listings, the failure comes after `afterPages` pages.
    func inject(
        _ operation: Operation, key: String? = nil, error: ConnectorError, times: Int = .max,
        afterApplying: Bool = false, afterPages: Int = 0, applied: (@Sendable (Record) -> Record)? = nil
    ) {
        state.withLock { state in
            state.injected[operation, default: []].append(
                Injected(
                    error: error, key: key, remaining: times, afterApplying: afterApplying, afterPages: afterPages,
                    applied: applied))
        }
    }

    /// Removes every injected failure.
    func clearFailures() {
        state.withLock { $0.injected = [:] }
    }

    // MARK: RecordEndpoint

    func carriedFields(for record: Record) -> Set<String> {
        carriedPerRecord?(record) ?? carriedFields
    }

    func changes(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<Record>, any Error> {
        let (ids, start, failure, staleCopies) = state.withLock {
            state -> ([String], Int64, Injected?, [RemoteRecord<Record>]) in
            state.calls.lists += 1
            state.calls.listCursors.append(cursor)
            let from = cursor.flatMap { Int64($0.value) }.map { $0 - overlap } ?? Int64.min
            let ids = state.records.values.filter { $0.sequence > from }.sorted { $0.sequence < $1.sequence }
                .map(\.remote.id)
            defer { state.staleCopies = [] }
            return (ids, state.sequence, takeInjected(.list, key: nil, in: &state), state.staleCopies)
        }
        let pageCount = max(1, (ids.count + pageSize - 1) / pageSize)
        let next = Mutex(0)
        return AsyncThrowingStream {
            let page = next.withLock { page -> Int in
                defer { page += 1 }
                return page
            }
            if let failure, page >= failure.afterPages { throw failure.error }
            guard page < pageCount else { return nil }
            let slice = ids.dropFirst(page * self.pageSize).prefix(self.pageSize)
            var items = self.state.withLock { state in
                slice.compactMap { id -> PageItem<Record>? in
                    guard let stored = state.records[id] else { return nil }
                    if let cause = state.unreadableCauses[id] {
                        return .unreadable(
                            UnreadableRecord(id: id, naturalKey: stored.remote.record.naturalKey, cause: cause))
                    }
                    if let reason = state.unreadable[id] {
                        return .unreadable(
                            UnreadableRecord(id: id, naturalKey: stored.remote.record.naturalKey, reason: reason))
                    }
                    return .record(stored.remote)
                }
            }
            let isLast = page == pageCount - 1
            if isLast { items += staleCopies.map(PageItem.record) }
            return ChangePage(items: items, nextCursor: isLast ? ChangeCursor(String(start)) : nil)
        }
    }

    func find(naturalKey: String) async throws(ConnectorError) -> RemoteRecord<Record>? {
        let result = state.withLock { state -> Result<RemoteRecord<Record>?, ConnectorError> in
            state.calls.finds += 1
            if let injected = takeInjected(.find, key: naturalKey, in: &state) { return .failure(injected.error) }
            guard let id = state.idByKey[naturalKey], let stored = state.records[id] else { return .success(nil) }
            if let reason = state.unreadable[id] {
                return .failure(error(.malformedResponse, "GET \(naturalKey)", reason))
            }
            return .success(stored.remote)
        }
        return try result.get()
    }

    func create(_ record: Record) async throws(ConnectorError) -> RemoteRecord<Record> {
        let result = state.withLock { state -> Result<RemoteRecord<Record>, ConnectorError> in
            state.calls.creates += 1
            let injected = takeInjected(.create, key: record.naturalKey, in: &state)
            if let injected, !injected.afterApplying { return .failure(injected.error) }
            if state.idByKey[record.naturalKey] != nil {
                return .failure(error(.rejected, "POST", "\(record.naturalKey) is already in use"))
            }
            let id = nextID(&state)
            state.createdRecords.append(record)
            let stored = store(normalize(injected?.applied?(record) ?? record), id: id, in: &state)
            if let injected { return .failure(injected.error) }
            return .success(stored)
        }
        return try result.get()
    }

    func update(id: String, fields: Set<String>, to record: Record) async throws(ConnectorError)
        -> RemoteRecord<Record>
    {
        let result = state.withLock { state -> Result<RemoteRecord<Record>, ConnectorError> in
            state.calls.updates += 1
            let injected = takeInjected(.update, key: record.naturalKey, in: &state)
            if let injected, !injected.afterApplying { return .failure(injected.error) }
            guard let current = state.records[id] else {
                return .failure(error(.notFound, "PUT \(id)", "no such record"))
            }
            var members = current.remote.record.canonicalFields
            let incoming = record.canonicalFields
            for field in fields { members[field] = incoming[field] }
            let merged: Record
            do {
                merged = try Record(canonicalJSON: .object(members))
            } catch {
                return .failure(self.error(.invalidRecord, "PUT \(id)", "\(error)"))
            }
            if current.remote.record.naturalKey != merged.naturalKey {
                state.idByKey[current.remote.record.naturalKey] = nil
            }
            let stored = store(normalize(merged), id: id, in: &state)
            if let injected { return .failure(injected.error) }
            return .success(stored)
        }
        return try result.get()
    }

    // MARK: Internals

    private func nextID(_ state: inout State) -> String {
        defer { state.nextID += 1 }
        return "\(idPrefix)\(state.nextID)"
    }

    @discardableResult
    private func store(_ record: Record, id: String, in state: inout State) -> RemoteRecord<Record> {
        state.sequence += 1
        let remote = RemoteRecord(id: id, record: record, version: givesVersions ? "v\(state.sequence)" : nil)
        if let old = state.records[id]?.remote.record.naturalKey, old != record.naturalKey {
            state.idByKey[old] = nil
        }
        state.records[id] = Stored(remote: remote, sequence: state.sequence)
        state.idByKey[record.naturalKey] = id
        return remote
    }

    private func takeInjected(_ operation: Operation, key: String?, in state: inout State) -> Injected? {
        guard var list = state.injected[operation] else { return nil }
        guard let index = list.firstIndex(where: { $0.remaining > 0 && ($0.key == nil || $0.key == key) }) else {
            return nil
        }
        list[index].remaining -= 1
        let injected = list[index]
        state.injected[operation] = list
        return injected
    }

    private func error(_ kind: ConnectorError.Kind, _ operation: String, _ message: String) -> ConnectorError {
        ConnectorError(kind: kind, system: system, operation: operation, message: message)
    }
}

/// Counts of the calls made to an ``InMemoryEndpoint``.
struct EndpointCalls: Sendable, Equatable {
    var lists = 0
    var finds = 0
    var creates = 0
    var updates = 0
    /// The cursors the listings were asked for, in order.
    var listCursors: [ChangeCursor?] = []

    /// Creates and updates.
    var writes: Int { creates + updates }
}
