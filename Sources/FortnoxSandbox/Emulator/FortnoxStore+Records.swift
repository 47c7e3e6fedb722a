import JSONSupport
import SandboxKit

extension FortnoxStore {
    /// POST: validates and stores a new record and returns it decorated.
    ///
    /// - Throws: ``FortnoxError``; nothing is changed when it throws.
    mutating func create(
        _ handler: some ResourceHandler, members: [String: JSONValue], context: RequestContext
    ) throws(FortnoxError) -> FieldValues {
        let definition = handler.definition
        var values = try definition.schema.input(from: members)
        let table = self.table(definition.resource)
        var seriesPosition: Int?
        let clientKey = definition.keying == .serverOnly ? "" : values.text(definition.keyField)
        if !clientKey.isEmpty {
            try FortnoxStore.validateKeyCharacters(clientKey, field: definition.keyField)
            if table.isTaken(clientKey) { throw keyTaken(definition, clientKey, retired: table.retiredKeys) }
        } else if definition.keying == .clientSupplied {
            throw .required(definition.keyField)
        } else {
            let (key, position) = table.peekNumber()
            values[definition.keyField] = .string(key)
            seriesPosition = position
        }
        try handler.prepareCreate(&values, in: self, context: context)
        let key = handler.storageKey(of: values)
        if definition.keying == .clientSupplied, key != clientKey, table.isTaken(key) {
            throw keyTaken(definition, key, retired: table.retiredKeys)
        }
        store(definition.resource, key, values, context: context)
        if let seriesPosition { modifyTable(definition.resource) { $0.commitNumber(seriesPosition) } }
        handler.didWrite(key: key, values: values, previous: nil, store: &self, context: context)
        handler.decorate(&values, in: self, context: context)
        return values
    }

    /// GET of one record, decorated.
    ///
    /// - Throws: the resource's 404.
    func read(_ handler: some ResourceHandler, key: String, context: RequestContext) throws(FortnoxError)
        -> FieldValues
    {
        guard var values = self.values(handler.definition.resource, key) else { throw handler.definition.notFound }
        handler.decorate(&values, in: self, context: context)
        return values
    }

    /// PUT: a partial update of the record `key`; returns it decorated.
    ///
    /// - Throws: ``FortnoxError``; nothing is changed when it throws.
    mutating func update(
        _ handler: some ResourceHandler, key: String, members: [String: JSONValue], context: RequestContext
    ) throws(FortnoxError) -> FieldValues {
        let definition = handler.definition
        guard let previous = values(definition.resource, key) else { throw definition.notFound }
        let patch = try definition.schema.input(from: members)
        for (position, field) in definition.schema.fields.enumerated() where field.access == .createOnly {
            if let sent = patch[position: position], sent != previous.resolved(field.name) {
                throw .badRequest(
                    FortnoxErrorCode.keyImmutable,  // INVENTED code, see FortnoxErrorCode
                    "\(field.name) kan inte ändras (\(previous.text(field.name)))."
                )
            }
        }
        if let sent = patch[definition.keyField], sent != previous.resolved(definition.keyField) {
            throw .badRequest(
                FortnoxErrorCode.keyImmutable,  // INVENTED code, see FortnoxErrorCode
                "\(definition.keyField) kan inte ändras (\(previous.text(definition.keyField)))."
            )
        }
        var values = previous
        values.apply(patch)
        values[definition.keyField] = previous[definition.keyField]
        try handler.prepareUpdate(&values, previous: previous, patch: patch, in: self, context: context)
        store(definition.resource, key, values, context: context)
        handler.didWrite(key: key, values: values, previous: previous, store: &self, context: context)
        handler.decorate(&values, in: self, context: context)
        return values
    }

    /// DELETE of the record `key`.
    ///
    /// - Throws: the 404, or the handler's refusal; nothing is changed when it throws.
    mutating func delete(_ handler: some ResourceHandler, key: String, context: RequestContext) throws(FortnoxError) {
        let definition = handler.definition
        guard let values = values(definition.resource, key) else { throw definition.notFound }
        try handler.prepareDelete(key: key, values: values, in: self)
        modifyTable(definition.resource) { $0.remove(key, retire: definition.resource == .customers) }
        handler.didDelete(key: key, values: values, store: &self, context: context)
    }

    /// Rejects keys that could not appear in a path: `/ ? # % \`, whitespace and control characters.
    static func validateKeyCharacters(_ key: String, field: String) throws(FortnoxError) {
        let forbidden: Set<Unicode.Scalar> = ["/", "?", "#", "%", "\\"]
        for scalar in key.unicodeScalars
        where forbidden.contains(scalar) || scalar.properties.isWhitespace || scalar.value < 0x20 {
            throw .badRequest(
                FortnoxErrorCode.invalidCharacters,
                "Värdet innehåller ej tillåtna tecken. (\(field): \(key))"
            )
        }
    }

    private func keyTaken(_ definition: ResourceDefinition, _ key: String, retired: Set<String>) -> FortnoxError {
        if definition.resource == .customers {
            let suffix = retired.contains(key) ? " Kundnumret har redan använts men blivit raderat." : ""
            return .badRequest(FortnoxErrorCode.customerNumberUsed, "Kundnummer \(key) används redan.\(suffix)")
        }
        return .badRequest(
            FortnoxErrorCode.keyAlreadyUsed,  // INVENTED code, see FortnoxErrorCode
            "\(definition.keyField) \(key) används redan."
        )
    }
}
