import HTTPSupport
import SyncCore

/// Severa projects (R3) as a ``RecordEndpoint``: listed and found, never written.
///
/// Projects go from Severa to Fortnox only and Severa is always their master (R3.1), so the engine
/// never creates or updates a project on this side; ``create(_:)`` and ``update(id:fields:to:)`` refuse
/// with `invalidRecord` instead of guessing the owner, business unit and status a Severa project needs.
struct ProjectEndpoint: RecordEndpoint {
    let context: SeveraContext

    var carriedFields: Set<String> { ProjectMapping.carriedFields }

    func changes(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<Project>, any Error> {
        let previous: FeedCursor
        do {
            previous = try FeedCursor(cursor, routes: ["projects"], feed: "project")
        } catch {
            return failedStream(error)
        }
        let listing = RegisterListing<Project>(
            route: "projects",
            pager: ListPager(path: "/v1/projects", query: previous.filter("projects"), style: .token, area: .projects),
            map: Self.remote,
            identify: { object in ((try? object.guid()), ProjectMapping.naturalKey(object)) })
        return RegisterFeed(context: context, listings: [listing], previous: previous).stream()
    }

    func find(naturalKey: String) async throws(ConnectorError) -> RemoteRecord<Project>? {
        guard let number = CustomerMapping.severaNumber(naturalKey) else { return nil }
        let reply = try await context.api.send(
            .get, "/v1/projects", query: [QueryItem("numbers", String(number))], area: .projects)
        let records = try ListPager.records(of: reply, api: context.api)
        guard let object = records.first(where: { (try? $0.optionalInt64("number")) == number }) else { return nil }
        do {
            return try Self.remote(object)
        } catch {
            throw context.unreadable(reply.operation, error, record: "project \(naturalKey)")
        }
    }

    func create(_ record: Project) async throws(ConnectorError) -> RemoteRecord<Project> {
        throw context.invalid(
            "POST /v1/projects", "project \(record.number): projects are created in Severa only (R3.1)")
    }

    func update(id: String, fields: Set<String>, to record: Project) async throws(ConnectorError)
        -> RemoteRecord<Project>
    {
        throw context.invalid(
            "PATCH /v1/projects/\(id)", "project \(record.number): projects are changed in Severa only (R3.1)")
    }

    /// The project of a model, with its guid as id and `lastUpdatedDateTime` as version.
    static func remote(_ object: WireObject) throws(WireError) -> RemoteRecord<Project> {
        RemoteRecord(
            id: try object.guid(), record: try ProjectMapping.project(object), version: try object.stamp().text)
    }

    /// The guid of the project numbered `number`, or `nil`.
    static func guid(ofProjectNumber number: String, context: SeveraContext) async throws(ConnectorError) -> String? {
        guard let value = CustomerMapping.severaNumber(number) else { return nil }
        let reply = try await context.api.send(
            .get, "/v1/projects", query: [QueryItem("numbers", String(value))], area: .projects)
        let records = try ListPager.records(of: reply, api: context.api)
        return records.first { (try? $0.optionalInt64("number")) == value }.flatMap { try? $0.guid() }
    }
}
