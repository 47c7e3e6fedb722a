import JSONSupport
import SandboxKit

extension FortnoxStore {
    /// GET of a list: the matching records' list items for the requested page, in the
    /// `{"MetaInformation":{…},"<Plural>":[…]}` envelope.
    mutating func list(_ handler: some ResourceHandler, query: ListQuery, context: RequestContext) -> FortnoxReply {
        let keys = matchingKeys(handler, query: query, context: context)
        return page(handler, keys: keys, query: query, context: context)
    }

    /// The envelope with the list items of the page of `keys` that `query` asks for.
    func page(_ handler: some ResourceHandler, keys: [String], query: ListQuery, context: RequestContext)
        -> FortnoxReply
    {
        let definition = handler.definition
        let total = keys.count
        let afterOffset = max(0, total - query.offset)
        let pages = (afterOffset + query.limit - 1) / query.limit
        let start = query.offset + (query.page - 1) * query.limit
        let pageKeys = start < total ? keys[start..<min(total, start + query.limit)] : []

        var items: [UInt8] = [UInt8(ascii: "[")]
        items.reserveCapacity(256 * pageKeys.count + 2)
        let schema = definition.schema
        for (index, key) in pageKeys.enumerated() {
            guard let stored = table(definition.resource)[key] else { continue }
            var values = stored.record.values(schema)
            handler.decorate(&values, in: self, context: context)
            if index > 0 { items.append(UInt8(ascii: ",")) }
            definition.listItem.write(values, to: &items)
        }
        items.append(UInt8(ascii: "]"))
        return FortnoxStore.envelope(
            listKey: definition.listItem.listKey, items: items, total: total, pages: pages, page: query.page
        )
    }

    /// The list envelope with `MetaInformation` (`@TotalResources`, `@TotalPages`, `@CurrentPage`), keys
    /// in sorted order like every other response.
    static func envelope(listKey: String, items: [UInt8], total: Int, pages: Int, page: Int) -> FortnoxReply {
        let meta: JSONValue = [
            "@TotalResources": .number(JSONNumber(total)), "@TotalPages": .number(JSONNumber(pages)),
            "@CurrentPage": .number(JSONNumber(page)),
        ]
        var metaMember: [UInt8] = []
        JSONSerializer.write("MetaInformation", to: &metaMember)
        metaMember.append(UInt8(ascii: ":"))
        JSONSerializer.write(meta, to: &metaMember)
        var listMember: [UInt8] = []
        JSONSerializer.write(.string(listKey), to: &listMember)
        listMember.append(UInt8(ascii: ":"))
        listMember += items
        let listFirst = listKey.utf8.lexicographicallyPrecedes("MetaInformation".utf8)
        var body: [UInt8] = [UInt8(ascii: "{")]
        body += listFirst ? listMember : metaMember
        body.append(UInt8(ascii: ","))
        body += listFirst ? metaMember : listMember
        body.append(UInt8(ascii: "}"))
        return FortnoxReply(status: 200, body: body)
    }

    /// The keys of the records matching `query`, in list order; cached until the table changes.
    private mutating func matchingKeys(
        _ handler: some ResourceHandler, query: ListQuery, context: RequestContext
    ) -> [String] {
        let resource = handler.definition.resource
        let signature = query.matchSignature
        return modifyTable(resource) { table in
            if let cache = table.listingCache, cache.signature == signature, cache.version == table.version {
                return cache.keys
            }
            let schema = handler.definition.schema
            var keys = table.orderedKeys()
            if let since = query.modifiedSince {
                keys = keys.filter { (table[$0]?.modified ?? .min) >= since }
            }
            if !query.searches.isEmpty || !query.dateRanges.isEmpty {
                // A dotted field (`InvoiceRows.ArticleNumber`) matches when any element of the array does;
                // `A|B` matches when either field does.
                let searches = query.searches.map { search in
                    let alternatives = search.field.split(separator: "|").map { field in
                        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
                        return (position: schema.index(of: parts[0]), member: parts.count > 1 ? parts[1] : nil)
                    }
                    return (alternatives: alternatives, needle: search.needle)
                }
                let ranges = query.dateRanges.map { (position: schema.index(of: $0.field), $0.bound, $0.isLowerBound) }
                keys = keys.filter { key in
                    guard let record = table[key]?.record else { return false }
                    for (alternatives, needle) in searches where !needle.isEmpty {
                        let texts = alternatives.flatMap { position, member in
                            let value = record.value(at: position) ?? schema.fields[position].absent
                            guard let member else { return [FortnoxStore.searchText(value)] }
                            return (value.arrayValue ?? []).map { FortnoxStore.searchText($0[member] ?? .null) }
                        }
                        if !texts.contains(where: { $0.lowercased().contains(needle) }) { return false }
                    }
                    for (position, bound, isLowerBound) in ranges {
                        guard
                            let date = (record.value(at: position) ?? .null).stringValue.flatMap(
                                FortnoxCalendarDate.init)
                        else { return false }
                        if isLowerBound ? date < bound : bound < date { return false }
                    }
                    return true
                }
            }
            if let filter = query.filter {
                keys = keys.filter { key in
                    guard let record = table[key]?.record else { return false }
                    return handler.matches(filter: filter, record.values(schema), context: context)
                }
            }
            if let field = query.sortField {
                let position = schema.index(of: field)
                let sortable = keys.map { key in
                    let value = table[key]?.record.value(at: position) ?? schema.fields[position].absent
                    let text = FortnoxStore.searchText(value)
                    return (key: key, number: FortnoxDecimal.parse(value), text: text.lowercased())
                }
                keys = sortable.sorted { lhs, rhs in
                    if let left = lhs.number, let right = rhs.number, left != right { return left < right }
                    if lhs.text != rhs.text { return lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8) }
                    return FortnoxKeyOrder.precedes(lhs.key, rhs.key)
                }.map(\.key)
            }
            if query.descending { keys.reverse() }
            table.listingCache = (signature, table.version, keys)
            return keys
        }
    }

    /// The text a search or sort compares: strings as they are, numbers as their literal.
    private static func searchText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): number.literal
        case .bool(let flag): flag ? "true" : "false"
        default: ""
        }
    }
}
