import JSONSupport
import SandboxKit

/// `/3/projects`: numbers from a series, `Status` defaults to `ONGOING`, `Description` up to 50
/// characters, and no customer field [rec]. Works whether project accounting is on or off (R3.2).
struct ProjectHandler: ResourceHandler {
    /// The handler.
    static let shared = ProjectHandler()

    /// The project entity.
    static let schema = EntitySchema(
        wrapper: "Project",
        fields: [
            FieldSpec("@url", .text(maxLength: nil), .readOnly),
            FieldSpec("Comments", .text(maxLength: 512)),
            FieldSpec("ContactPerson", .text(maxLength: 50)),
            FieldSpec("Description", .text(maxLength: 50)),
            FieldSpec("EndDate", .date),
            FieldSpec("ProjectLeader", .text(maxLength: 50)),
            FieldSpec("ProjectNumber", .text(maxLength: 20)),
            FieldSpec("StartDate", .date),
            FieldSpec("Status", .choice(["NOTSTARTED", "ONGOING", "COMPLETED"]), absent: "ONGOING"),
        ]
    )

    let definition = ResourceDefinition(
        resource: .projects,
        schema: ProjectHandler.schema,
        listItem: ListItemSchema(
            listKey: "Projects", detail: ProjectHandler.schema,
            names: ["@url", "Description", "EndDate", "ProjectLeader", "ProjectNumber", "StartDate", "Status"]
        ),
        keyField: "ProjectNumber",
        keying: .series,
        listOptions: ListOptions(
            searches: ["description": "Description"],
            sortKeys: ["projectnumber": "ProjectNumber", "description": "Description"]
        ),
        notFound: .notFound(FortnoxErrorCode.projectNotFound, "Kan inte hitta projektet."),
        itemMethods: ["GET", "PUT", "DELETE"]
    )

    func prepareCreate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext)
        throws(FortnoxError)
    {
        try FortnoxStore.checkRequired(values, "Description")
        if let start = values.resolved("StartDate").stringValue.flatMap(FortnoxCalendarDate.init),
            let end = values.resolved("EndDate").stringValue.flatMap(FortnoxCalendarDate.init), end < start
        {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.invalidDate, "Slutdatum \(end) är före startdatum \(start)."
            )
        }
    }

    func prepareDelete(key: String, values: FieldValues, in store: FortnoxStore) throws(FortnoxError) {
        if store.isDimensionInUse("Project", key) {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.resourceInUse, "Projektet \(key) används och kan inte tas bort."
            )
        }
    }

    func decorate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext) {
        values["@url"] = .string(context.url("projects", values.text("ProjectNumber")))
    }
}
