import HTTPSupport
import SyncCore

/// A ``RecordEndpoint`` for a Fortnox resource whose records map one to one through a
/// ``FortnoxMapping`` (customers, projects; articles add their price, see ``ArticleEndpoint``).
///
/// - `changes(since:)`: the list, filtered by `lastmodified` when there is a cursor, and one detail
///   GET per listed record (list items are partial); see ``ChangeFeed``.
/// - `find(naturalKey:)`: a GET by key; 404 → `nil`.
/// - `create(_:)`: one POST with every carried member that has a value; a lost response is
///   `outcomeUnknown` (the POST is never repeated).
/// - `update(id:fields:to:)`: one PUT with only the Fortnox fields of `fields` (PUT is a partial
///   update); nothing to write → a GET. The key cannot change.
struct MappedEndpoint<Mapping: FortnoxMapping>: RecordEndpoint {
    typealias Record = Mapping.Record

    /// The shared context.
    let context: FortnoxContext
    /// The resource's mapping.
    let mapping: Mapping

    var carriedFields: Set<String> { mapping.carriedFields }

    func changes(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<Record>, any Error> {
        let resource = mapping.resource
        let api = context.api
        let log = context.log
        let mapping = self.mapping
        return context.feed(resource, since: cursor) { _, key throws(ConnectorError) in
            let call = FortnoxCall(.get, [resource.path, key])
            do throws(ConnectorError) {
                guard let entity = try await api.optionalEntity(call, wrapper: resource.wrapper) else {
                    log.log(
                        .info,
                        api.redactor.redact("Fortnox \(resource.noun) \(key) was listed but is gone (deleted); skipped")
                    )
                    return []
                }
                return [MappedEndpoint.item(entity, key: key, mapping: mapping)]
            } catch  where error.concernsOneRecord {
                return [.unreadable(UnreadableRecord(id: key, naturalKey: key, cause: error))]
            }
        }
    }

    func find(naturalKey: String) async throws(ConnectorError) -> RemoteRecord<Record>? {
        let call = FortnoxCall(.get, [mapping.resource.path, naturalKey])
        guard let entity = try await context.api.optionalEntity(call, wrapper: mapping.resource.wrapper) else {
            return nil
        }
        return try remote(entity, call: call)
    }

    func create(_ record: Record) async throws(ConnectorError) -> RemoteRecord<Record> {
        let call = FortnoxCall(.post, [mapping.resource.path])
        let body = try self.body(record, fields: nil, call: call)
        let entity = try await context.api.entity(
            call, wrapper: mapping.resource.wrapper, body: body.wrapped(in: mapping.resource.wrapper))
        return try remote(entity, call: call)
    }

    func update(id: String, fields: Set<String>, to record: Record) async throws(ConnectorError)
        -> RemoteRecord<Record>
    {
        let call = FortnoxCall(.put, [mapping.resource.path, id])
        if record.naturalKey != id {
            throw context.api.failure(
                .invalidRecord, call,
                "the \(mapping.resource.noun) would get the key \(record.naturalKey), but \(mapping.resource.keyField) "
                    + "is the record's key in Fortnox; Brygga does not renumber records")
        }
        let body = try self.body(record, fields: fields, call: call)
        guard !body.isEmpty else {
            guard let current = try await find(naturalKey: id) else {
                throw context.api.failure(.notFound, FortnoxCall(.get, [mapping.resource.path, id]), "no such record")
            }
            return current
        }
        let entity = try await context.api.entity(
            call, wrapper: mapping.resource.wrapper, body: body.wrapped(in: mapping.resource.wrapper))
        return try remote(entity, call: call)
    }

    /// The body for `record`, with a value Fortnox cannot hold reported as `invalidRecord`.
    func body(_ record: Record, fields: Set<String>?, call: FortnoxCall) throws(ConnectorError) -> WireBody {
        do {
            return try mapping.body(for: record, fields: fields)
        } catch {
            throw context.api.failure(
                .invalidRecord, call, "\(mapping.resource.noun) \(record.naturalKey) cannot be written: \(error)")
        }
    }

    /// The remote record of an entity Fortnox answered with.
    func remote(_ entity: WireEntity, call: FortnoxCall) throws(ConnectorError) -> RemoteRecord<Record> {
        do {
            let record = try mapping.record(from: entity)
            return RemoteRecord(id: record.naturalKey, record: record)
        } catch {
            throw context.api.failure(
                .malformedResponse, call, "the \(mapping.resource.noun) in the answer cannot be read: \(error)")
        }
    }

    /// A listed record, or the reason it cannot be read.
    static func item(_ entity: WireEntity, key: String, mapping: Mapping) -> PageItem<Record> {
        do {
            let record = try mapping.record(from: entity)
            return .record(RemoteRecord(id: record.naturalKey, record: record))
        } catch {
            return .unreadable(
                UnreadableRecord(id: key, naturalKey: key, reason: "\(mapping.resource.noun) \(key): \(error)"))
        }
    }
}
