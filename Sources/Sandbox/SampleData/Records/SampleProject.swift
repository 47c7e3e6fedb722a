import JSONSupport

/// A sample project: a Severa project of a customer, and (when on both sides) the Fortnox project with
/// the same number and description. Fortnox projects have no customer field.
struct SampleProject: Sendable {
    var number: Int
    /// The name (Fortnox `Description`, at most 50 characters).
    var name: String
    /// The customer's Severa guid.
    var customerGuid: String
    /// The customer's currency.
    var currency: String
    var side: SampleSide
    var guid: String
    /// The first day, `YYYY-MM-DD`.
    var startDate: String
    /// Whether the project is completed (closed in Severa, `COMPLETED` in Fortnox).
    var isCompleted: Bool
    /// The Severa cost center identifier (`100` or `200`).
    var costCenter: String
    /// The Severa business unit code.
    var businessUnit: String

    /// The first regular project number: a year-style series (2025001, 2025002, …).
    static let firstNumber = 2_025_001

    /// The longest project name Fortnox takes.
    static let maximumNameLength = 50

    /// Regular project `index` for `customer`: two in three on both sides, the rest Severa only.
    static func regular(index: Int, customer: SampleCustomer, seed: UInt64) -> SampleProject {
        var random = SampleRandom(seed: seed, "project", String(index))
        let kind = random.pick([
            "Webbplats", "Systemintegration", "Molnmigrering", "Ekonomisystem", "Utbildningsinsats",
            "Nätverksuppgradering", "Apputveckling", "Säkerhetsgranskning", "Dataplattform", "Intranät",
        ])
        let name = String("\(kind) \(CompanyNames.shortName(customer.name))".prefix(maximumNameLength))
        return SampleProject(
            number: firstNumber + index, name: name, customerGuid: customer.guid, currency: customer.country.currency,
            side: index % 3 == 2 ? .severa : .both, guid: random.guid(),
            startDate: SampleDates.day(random.below(300)), isCompleted: index % 7 == 6,
            costCenter: random.pick(["100", "200"]), businessUnit: random.pick(["BSAB", "STHLM"]))
    }

    /// Severa's `ProjectInputModelBase`.
    func severaModel(_ ids: SeveraReferenceIDs) -> JSONValue {
        let status = ids.projectStatusTypes[isCompleted ? "Completed" : "In progress"]
        return [
            "guid": .string(guid), "name": .string(name), "number": .number(JSONNumber(number)),
            "customer": SeveraReferenceIDs.reference(customerGuid),
            "projectOwner": SeveraReferenceIDs.reference(ids.projectOwner),
            "businessUnit": SeveraReferenceIDs.reference(ids.businessUnits[businessUnit]),
            "costCenter": SeveraReferenceIDs.reference(ids.costCenters[costCenter]),
            "startDate": .string(startDate), "isClosed": .bool(isCompleted),
            "projectStatus": ["projectStatusTypeGuid": status.map(JSONValue.string) ?? .null],
        ]
    }

    /// The Fortnox project.
    func fortnoxModel() -> JSONValue {
        var fields: [String: JSONValue] = [
            "ProjectNumber": .string(String(number)), "Description": .string(name),
            "Status": .string(isCompleted ? "COMPLETED" : "ONGOING"), "StartDate": .string(startDate),
            "ProjectLeader": "Anna Andersson",
        ]
        if isCompleted { fields["EndDate"] = .string(SampleDates.day(320)) }
        return .object(fields)
    }

    /// `project 2025001 (Webbplats Björkdal Bygg)`, for error messages.
    var label: String { "project \(number) (\(name))" }
}

/// Dates of the sample year.
enum SampleDates {
    /// The date `offset` days after 2025-01-01 (`offset` below 365).
    static func day(_ offset: Int) -> String {
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var remaining = min(max(offset, 0), 364)
        var month = 0
        while remaining >= lengths[month] {
            remaining -= lengths[month]
            month += 1
        }
        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "2025-\(twoDigits(month + 1))-\(twoDigits(remaining + 1))"
    }
}
