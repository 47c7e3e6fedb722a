import Foundation
import SyncCore

/// Severa `ProjectOutputModel` → canonical ``Project`` (R3: Severa → Fortnox only).
///
/// | canonical | Severa |
/// |---|---|
/// | `number` | `number` (int64 as text) |
/// | `name` | `name` |
/// | `customerNumber` | `customer.number` (the nested reference) |
/// | `status` | `isClosed` true → `completed`, else `ongoing`. Severa's user-defined `projectStatus` is not read: its names are per organisation and say nothing a rule could rely on; a project that has not started yet is still `ongoing` |
/// | `startDate` | `startDate` |
/// | `endDate` | closed: `closedDate` (else `deadline`); open: `deadline` |
/// | `leader` | `projectOwner.name`, else its `firstName lastName` |
enum ProjectMapping {
    /// The canonical members Severa projects carry: all of them.
    static let carriedFields: Set<String> = [
        "number", "name", "customerNumber", "status", "startDate", "endDate", "leader",
    ]

    /// Reads a project model.
    static func project(_ object: WireObject) throws(WireError) -> Project {
        let isClosed = try object.bool("isClosed", default: false)
        let deadline = try object.optionalDate("deadline")
        let closedDate = try object.optionalDate("closedDate")
        return Project(
            number: WireValues.text(try object.optionalInt64("number")),
            name: try object.string("name"),
            customerNumber: try object.optionalObject("customer")?.optionalInt64("number").map { String($0) },
            status: isClosed ? .completed : .ongoing,
            startDate: try object.optionalDate("startDate"),
            endDate: isClosed ? closedDate ?? deadline : deadline,
            leader: try leader(try object.optionalObject("projectOwner"))
        )
    }

    /// The natural key of a project model, when it can be read.
    static func naturalKey(_ object: WireObject) -> String? {
        (try? object.optionalInt64("number")).map { String($0) }
    }

    private static func leader(_ owner: WireObject?) throws(WireError) -> String? {
        guard let owner else { return nil }
        if let name = try owner.optionalText("name") { return name }
        let parts = [try owner.optionalText("firstName"), try owner.optionalText("lastName")].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
