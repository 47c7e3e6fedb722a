import Foundation
import HTTPSupport
import JSONSupport
import SyncCore

/// One page of a Fortnox list: `{"MetaInformation":{"@TotalResources","@TotalPages","@CurrentPage"},
/// "<ListKey>":[…]}` (fortnox-api.md §4).
struct ListPage: Sendable {
    /// The partial entities of this page.
    let items: [WireEntity]
    /// `@CurrentPage`.
    let currentPage: Int
    /// `@TotalPages` (0 for an empty result).
    let totalPages: Int
    /// `@TotalResources`.
    let totalResources: Int
    /// The server's clock when it answered (its `Date` header, to the second), when it sent one.
    let serverDate: Date?
}

extension FortnoxAPI {
    /// GETs one page of a list.
    ///
    /// - Throws: ``ConnectorError``; an unhealthy answer (``FortnoxAPI/unhealthy(_:_:)``) when
    ///   `MetaInformation` or the list is missing or not what the API sends.
    func listPage(_ call: FortnoxCall, listKey: String) async throws(ConnectorError) -> ListPage {
        let reply = try await json(call)
        func notTheList(_ problem: String) -> ConnectorError {
            unhealthy(call, reply.problem("a list answer \(problem)", redactor))
        }
        guard let meta = reply.document["MetaInformation"] else { throw notTheList("without MetaInformation") }
        func count(_ name: String) throws(ConnectorError) -> Int {
            let value = meta[name]
            if let number = value?.numberValue?.int64 { return Int(number) }
            if let text = value?.stringValue, let number = Int(text) { return number }
            throw notTheList(
                "whose MetaInformation.\(name) is \(value.map { $0.description } ?? "missing"), not a whole number")
        }
        let total = try count("@TotalResources")
        let pages = try count("@TotalPages")
        let current = try count("@CurrentPage")
        guard let elements = reply.document[listKey]?.arrayValue else {
            throw notTheList("without a \"\(listKey)\" array")
        }
        var items: [WireEntity] = []
        for (index, element) in elements.enumerated() {
            guard let members = element.objectValue else {
                throw notTheList("whose \(listKey)[\(index)] is \(element.typeDescription), not an object")
            }
            items.append(WireEntity(members))
        }
        return ListPage(
            items: items, currentPage: current, totalPages: pages, totalResources: total,
            serverDate: reply.response.headers["Date"].flatMap(HTTPDate.parse))
    }
}
