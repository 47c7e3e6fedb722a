import Foundation
import HTTPSupport
import JSONSupport
import SyncCore

/// Pages through one Severa list route, one page per ``next(using:)``.
///
/// - **Token paging** (customers, products, projects, invoices, invoice rows, fees): `rowCount=100`
///   (the documented maximum) and `pageToken`; the listing ends when the answer has no
///   `NextPageToken` header.
/// - **Offset paging** (addresses, work types, travel expense types, invoice statuses): `firstRow` and
///   `rowCount=1000` (D1's maximum). A server that silently serves fewer rows than asked (the spec's
///   prose says "maximum 100") must not end the listing early, so the listing ends at a page shorter
///   than the documented default of 20 (no server pages by fewer), at an empty page, or at a page
///   shorter than the longest one seen. A first page of 20 to 999 rows therefore costs one more request.
struct ListPager: Sendable {
    /// The paging style of a route.
    enum Style: Sendable {
        case token
        case offset
    }

    /// Rows asked per token page.
    static let tokenRowCount = 100
    /// Rows asked per offset page.
    static let offsetRowCount = 1000
    /// The documented default page size: a server never serves pages smaller than this but the last.
    static let smallestServerPage = 20

    /// The route's path, e.g. `/v1/customers`.
    let path: String
    /// Filters sent with every page.
    let query: [QueryItem]
    /// How the route pages.
    let style: Style
    /// The route's scope area.
    let area: ScopeArea
    /// Whether the last page was read.
    private(set) var isFinished = false
    private var pageToken: String?
    private var firstRow = 0
    private var longestPage = 0

    /// Creates a pager at the first page.
    init(path: String, query: [QueryItem] = [], style: Style, area: ScopeArea) {
        self.path = path
        self.query = query
        self.style = style
        self.area = area
    }

    /// Reads the next page.
    ///
    /// - Returns: The page's records (possibly none); ``isFinished`` tells whether more follow.
    /// - Throws: ``ConnectorError``; an unhealthy answer when the body is not an array of objects.
    mutating func next(using api: SeveraAPI) async throws(ConnectorError) -> [WireObject] {
        precondition(!isFinished, "a finished listing is not read again")
        var items = query
        switch style {
        case .token:
            items.append(QueryItem("rowCount", String(Self.tokenRowCount)))
            if let pageToken { items.append(QueryItem("pageToken", pageToken)) }
        case .offset:
            items.append(QueryItem("firstRow", String(firstRow)))
            items.append(QueryItem("rowCount", String(Self.offsetRowCount)))
        }
        let reply = try await api.send(.get, path, query: items, area: area)
        let records = try Self.records(of: reply, api: api)
        switch style {
        case .token:
            let token = reply.headers["NextPageToken"]?.trimmingCharacters(in: .whitespaces)
            pageToken = token
            isFinished = token?.isEmpty ?? true
        case .offset:
            isFinished = records.count < Self.smallestServerPage || records.count < longestPage
            firstRow += records.count
            longestPage = max(longestPage, records.count)
        }
        return records
    }

    /// Reads every remaining page.
    mutating func all(using api: SeveraAPI) async throws(ConnectorError) -> [WireObject] {
        var records: [WireObject] = []
        while !isFinished { records += try await next(using: api) }
        return records
    }

    /// The objects of a list answer.
    ///
    /// - Throws: An unhealthy answer (``SeveraAPI/unhealthy(_:_:)``) when the body is not an array or an
    ///   element is not an object.
    static func records(of reply: SeveraReply, api: SeveraAPI) throws(ConnectorError) -> [WireObject] {
        guard let elements = reply.json.arrayValue else {
            throw api.unhealthy(reply, "\(reply.json.typeDescription) instead of the array of records")
        }
        var records: [WireObject] = []
        records.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            guard let record = try? WireObject(element) else {
                throw api.unhealthy(
                    reply, "an array whose element \(index) is \(element.typeDescription), not a record object")
            }
            records.append(record)
        }
        return records
    }

    /// The single object of a one-record answer (`GET /v1/x/{guid}`), or the first of an array answer
    /// (`PATCH` answers `[model]`, `POST /v1/projectfees` answers an array).
    static func record(of reply: SeveraReply, api: SeveraAPI) throws(ConnectorError) -> WireObject {
        if reply.json.arrayValue != nil {
            guard let first = try records(of: reply, api: api).first else {
                throw api.unhealthy(reply, "an empty array instead of the record")
            }
            return first
        }
        guard let record = try? WireObject(reply.json) else {
            throw api.unhealthy(reply, "\(reply.json.typeDescription) instead of the record object")
        }
        return record
    }
}
