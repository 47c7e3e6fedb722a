public import JSONSupport

/// The state of a project, in Fortnox's terms.
public enum ProjectStatus: String, Sendable, Hashable, Codable {
    case notStarted = "not_started"
    case ongoing
    case completed
}

/// A project in canonical form (R3: Severa → Fortnox only, Severa is always master).
public struct Project: SyncRecord {
    public static let entity = EntityKind.project

    /// The project number both systems share: Severa `number`, Fortnox `ProjectNumber`.
    public var number: String
    /// The name: Severa `name`, Fortnox `Description` (≤ 50 characters there).
    public var name: String
    /// The customer's number; Fortnox projects have no customer field, so the link is kept on our side.
    public var customerNumber: String?
    /// The status.
    public var status: ProjectStatus
    /// The start date.
    public var startDate: LocalDate?
    /// The end date (Severa `deadline`, or `closedDate` when closed).
    public var endDate: LocalDate?
    /// The project leader's name.
    public var leader: String?

    /// Creates a project.
    public init(
        number: String, name: String, customerNumber: String? = nil, status: ProjectStatus = .ongoing,
        startDate: LocalDate? = nil, endDate: LocalDate? = nil, leader: String? = nil
    ) {
        self.number = number
        self.name = name
        self.customerNumber = customerNumber
        self.status = status
        self.startDate = startDate
        self.endDate = endDate
        self.leader = leader
    }

    public var naturalKey: String { number }

    public var canonicalJSON: JSONValue {
        var writer = CanonicalWriter()
        writer.set("number", number)
        writer.set("name", name)
        writer.set("customerNumber", customerNumber)
        writer.set("status", status.rawValue)
        writer.set("startDate", startDate)
        writer.set("endDate", endDate)
        writer.set("leader", leader)
        return writer.json
    }

    public init(canonicalJSON: JSONValue) throws(CanonicalFormError) {
        let reader = try CanonicalReader(canonicalJSON, entity: Self.entity)
        self.init(
            number: try reader.string("number"),
            name: try reader.string("name"),
            customerNumber: try reader.optionalString("customerNumber"),
            status: try reader.enumeration("status", as: ProjectStatus.self),
            startDate: try reader.optionalDate("startDate"),
            endDate: try reader.optionalDate("endDate"),
            leader: try reader.optionalString("leader")
        )
    }
}
