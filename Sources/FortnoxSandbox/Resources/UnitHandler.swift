import JSONSupport
import SandboxKit

/// `/3/units`: the client supplies `Code` (up to 20 characters, non-ASCII allowed, e.g. `förp`), which
/// cannot change; a unit used by an article cannot be deleted.
///
/// INVENTED: which units a new company starts with is UNVERIFIED; the emulator starts with none.
struct UnitHandler: ResourceHandler {
    /// The handler.
    static let shared = UnitHandler()

    /// The unit entity.
    static let schema = EntitySchema(
        wrapper: "Unit",
        fields: [
            FieldSpec("@url", .text(maxLength: nil), .readOnly),
            FieldSpec("Code", .text(maxLength: 20), .createOnly),
            FieldSpec("CodeEnglish", .text(maxLength: 100), absent: ""),
            FieldSpec("Description", .text(maxLength: 100)),
        ]
    )

    let definition = ResourceDefinition(
        resource: .units,
        schema: UnitHandler.schema,
        listItem: ListItemSchema(
            listKey: "Units", detail: UnitHandler.schema, names: ["@url", "Code", "CodeEnglish", "Description"]
        ),
        keyField: "Code",
        keying: .clientSupplied,
        listOptions: ListOptions(sortKeys: ["code": "Code"]),
        notFound: .notFound(FortnoxErrorCode.unitNotFound, "Kan inte hitta enheten."),
        itemMethods: ["GET", "PUT", "DELETE"]
    )

    func prepareCreate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext)
        throws(FortnoxError)
    {
        try FortnoxStore.checkRequired(values, "Description")
    }

    func prepareDelete(key: String, values: FieldValues, in store: FortnoxStore) throws(FortnoxError) {
        let position = ArticleSchema.entity.index(of: "Unit")
        let used = store.table(.articles).records.values.contains { $0.record.value(at: position) == .string(key) }
        if used {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.resourceInUse, "Enheten \(key) används av artiklar och kan inte tas bort."
            )
        }
    }

    func decorate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext) {
        values["@url"] = .string(context.url("units", values.text("Code")))
    }
}
