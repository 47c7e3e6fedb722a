import JSONSupport
import SandboxKit

/// `/3/costcenters`: the client supplies `Code` (up to 6 characters); a cost center in use cannot be
/// deleted.
struct CostCenterHandler: ResourceHandler {
    /// The handler.
    static let shared = CostCenterHandler()

    /// The cost center entity.
    static let schema = EntitySchema(
        wrapper: "CostCenter",
        fields: [
            FieldSpec("@url", .text(maxLength: nil), .readOnly),
            FieldSpec("Active", .boolean, absent: true),
            FieldSpec("Code", .text(maxLength: 6), .createOnly),
            FieldSpec("Description", .text(maxLength: nil)),
            FieldSpec("Note", .text(maxLength: nil)),
        ]
    )

    let definition = ResourceDefinition(
        resource: .costcenters,
        schema: CostCenterHandler.schema,
        listItem: ListItemSchema(
            listKey: "CostCenters", detail: CostCenterHandler.schema,
            names: ["@url", "Active", "Code", "Description", "Note"]
        ),
        keyField: "Code",
        keying: .clientSupplied,
        listOptions: ListOptions(sortKeys: ["code": "Code"]),
        notFound: .notFound(FortnoxErrorCode.costCenterNotFound, "Kan inte hitta kostnadsstället."),  // INVENTED
        itemMethods: ["GET", "PUT", "DELETE"]
    )

    func prepareCreate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext)
        throws(FortnoxError)
    {
        try FortnoxStore.checkRequired(values, "Description")
    }

    func prepareDelete(key: String, values: FieldValues, in store: FortnoxStore) throws(FortnoxError) {
        if store.isDimensionInUse("CostCenter", key) {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.resourceInUse, "Kostnadsstället \(key) används och kan inte tas bort."
            )
        }
    }

    func decorate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext) {
        values["@url"] = .string(context.url("costcenters", values.text("Code")))
    }
}
