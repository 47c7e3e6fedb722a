/// The fixed facts about one record resource: its schemas, key, list options and 404.
struct ResourceDefinition: Sendable {
    /// How new records get their key.
    enum Keying: Sendable {
        /// The server assigns the next number of its series when the client sends none.
        case series
        /// The client must send the key (unit and cost center `Code`).
        case clientSupplied
        /// The server always assigns the next number; a client's value is ignored
        /// (`DocumentNumber`, `GivenNumber`, payment `Number`).
        case serverOnly
    }

    /// The resource.
    let resource: FortnoxResource
    /// The full entity.
    let schema: EntitySchema
    /// The list item.
    let listItem: ListItemSchema
    /// The key field, e.g. `CustomerNumber`.
    let keyField: String
    /// How keys are assigned.
    let keying: Keying
    /// List filters, searches and sort keys.
    let listOptions: ListOptions
    /// The 404 for an unknown key.
    let notFound: FortnoxError
    /// The methods the item path `/3/<resource>/{key}` supports (for the 405's `Allow`).
    let itemMethods: [String]
}

/// The behaviour of one record resource, plugged into the generic create/read/update/delete/list of
/// ``FortnoxStore``.
///
/// Writes run in two phases so that a failed request changes nothing: `prepare…` validates and fills
/// in the record against a read-only store and may throw; `didWrite`/`didDelete` apply side effects
/// on other records and cannot fail.
protocol ResourceHandler: Sendable {
    /// The resource's fixed facts.
    var definition: ResourceDefinition { get }

    /// Validates a new record (key already set) and fills in Fortnox's defaults.
    func prepareCreate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext)
        throws(FortnoxError)

    /// Validates an update: `values` is `previous` with `patch` applied.
    func prepareUpdate(
        _ values: inout FieldValues, previous: FieldValues, patch: FieldValues, in store: FortnoxStore,
        context: RequestContext
    ) throws(FortnoxError)

    /// Side effects of a successful create or update on other records.
    func didWrite(
        key: String, values: FieldValues, previous: FieldValues?, store: inout FortnoxStore,
        context: RequestContext)

    /// Refuses a delete (record in use, booked, …) or the method altogether.
    func prepareDelete(key: String, values: FieldValues, in store: FortnoxStore) throws(FortnoxError)

    /// Side effects of a successful delete.
    func didDelete(key: String, values: FieldValues, store: inout FortnoxStore, context: RequestContext)

    /// Fills in the fields Fortnox derives on output (`@url`, country names, `SalesPrice`, …).
    func decorate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext)

    /// Whether a record passes `filter=` (one of ``ListOptions/filters``).
    func matches(filter: String, _ values: FieldValues, context: RequestContext) -> Bool

    /// The key a record is stored under (the key field's text; prices combine three fields).
    func storageKey(of values: FieldValues) -> String
}

extension ResourceHandler {
    func prepareUpdate(
        _ values: inout FieldValues, previous: FieldValues, patch: FieldValues, in store: FortnoxStore,
        context: RequestContext
    ) throws(FortnoxError) {
        try prepareCreate(&values, in: store, context: context)
    }

    func didWrite(
        key: String, values: FieldValues, previous: FieldValues?, store: inout FortnoxStore,
        context: RequestContext
    ) {}

    func prepareDelete(key: String, values: FieldValues, in store: FortnoxStore) throws(FortnoxError) {}

    func didDelete(key: String, values: FieldValues, store: inout FortnoxStore, context: RequestContext) {}

    func storageKey(of values: FieldValues) -> String {
        values.text(definition.keyField)
    }

    func matches(filter: String, _ values: FieldValues, context: RequestContext) -> Bool {
        switch filter {
        case "active": values.flag("Active")
        case "inactive": !values.flag("Active")
        default: true
        }
    }
}
