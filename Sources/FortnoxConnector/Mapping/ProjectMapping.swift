import JSONSupport
import SyncCore

/// Fortnox project (`fortnox_Project`, fortnox-api.md §7.4) ↔ ``Project``.
///
/// | canonical | Fortnox |
/// |---|---|
/// | `number` | `ProjectNumber` (≤ 20) |
/// | `name` | `Description` (≤ 50) |
/// | `status` | `Status`: `NOTSTARTED` / `ONGOING` / `COMPLETED` (absent → ongoing, Fortnox's default) |
/// | `startDate` / `endDate` | `StartDate` / `EndDate` |
/// | `leader` | `ProjectLeader` (≤ 50) |
/// | `customerNumber` | not carried: Fortnox projects have no customer; the engine keeps the link |
struct ProjectMapping: FortnoxMapping {
    var resource: ListResource { .projects }

    var carriedFields: Set<String> { ["number", "name", "status", "startDate", "endDate", "leader"] }

    func record(from entity: WireEntity) throws(WireFieldError) -> Project {
        Project(
            number: try entity.requiredText("ProjectNumber"),
            name: try entity.requiredText("Description"),
            customerNumber: nil,
            status: try status(entity),
            startDate: try entity.date("StartDate"),
            endDate: try entity.date("EndDate"),
            leader: try entity.text("ProjectLeader")
        )
    }

    func body(for project: Project, fields: Set<String>?) throws(WireFieldError) -> WireBody {
        var body = WireBody(limits: FieldLimits.project)
        let clear = fields != nil
        if fields == nil { try body.text("ProjectNumber", project.number, clear: false) }
        if writes("name", of: fields) { try body.text("Description", project.name, clear: clear) }
        if writes("status", of: fields) { body.set("Status", .string(ProjectMapping.wireStatus(project.status))) }
        if writes("startDate", of: fields) { try body.text("StartDate", project.startDate?.description, clear: clear) }
        if writes("endDate", of: fields) { try body.text("EndDate", project.endDate?.description, clear: clear) }
        if writes("leader", of: fields) { try body.text("ProjectLeader", project.leader, clear: clear) }
        return body
    }

    /// Fortnox's spelling of a status.
    static func wireStatus(_ status: ProjectStatus) -> String {
        switch status {
        case .notStarted: "NOTSTARTED"
        case .ongoing: "ONGOING"
        case .completed: "COMPLETED"
        }
    }

    private func status(_ entity: WireEntity) throws(WireFieldError) -> ProjectStatus {
        switch try entity.text("Status")?.uppercased() {
        case nil, "ONGOING": return .ongoing
        case "NOTSTARTED": return .notStarted
        case "COMPLETED": return .completed
        case let other?: throw entity.problem("Status", "expected NOTSTARTED, ONGOING or COMPLETED, found \"\(other)\"")
        }
    }
}
