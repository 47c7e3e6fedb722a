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
}

extension FortnoxAPI {
    /// GETs one page of a list.
    ///
    /// - Throws: ``ConnectorError``; `malformedResponse` when `MetaInformation` or the list is missing.
    func listPage(_ call: FortnoxCall, listKey: String) async throws(ConnectorError) -> ListPage {
        let document = try await json(call)
        guard let meta = document["MetaInformation"] else {
            throw failure(.malformedResponse, call, "the list answer has no MetaInformation")
        }
        func count(_ name: String) throws(ConnectorError) -> Int {
            let value = meta[name]
            if let number = value?.numberValue?.int64 { return Int(number) }
            if let text = value?.stringValue, let number = Int(text) { return number }
            throw failure(
                .malformedResponse, call,
                "MetaInformation.\(name) is \(value.map { $0.description } ?? "missing"), expected a whole number")
        }
        let total = try count("@TotalResources")
        let pages = try count("@TotalPages")
        let current = try count("@CurrentPage")
        guard let elements = document[listKey]?.arrayValue else {
            throw failure(.malformedResponse, call, "the list answer has no \"\(listKey)\" array")
        }
        var items: [WireEntity] = []
        for (index, element) in elements.enumerated() {
            guard let members = element.objectValue else {
                throw failure(
                    .malformedResponse, call, "\(listKey)[\(index)] is \(element.typeDescription), expected an object")
            }
            items.append(WireEntity(members))
        }
        return ListPage(items: items, currentPage: current, totalPages: pages, totalResources: total)
    }
}
