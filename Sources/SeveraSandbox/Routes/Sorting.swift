import Foundation
import JSONSupport
import SandboxKit

/// `sortings[0].key=name&sortings[0].value=Asc` on offset-paged routes: top-level scalar fields only,
/// directions `Asc, Desc, AscNullsFirst, AscNullsLast, DescNullsFirst, DescNullsLast`.
///
/// UNVERIFIED: null placement for plain `Asc`/`Desc`; the emulator follows SQL Server (nulls are the
/// smallest values). Strings compare ignoring case.
enum Sorting {
    /// One sort key.
    struct Key {
        /// The field index.
        let field: Int
        /// Whether larger values come first.
        let descending: Bool
        /// Whether nulls come first.
        let nullsFirst: Bool
    }

    private static let directions = ["Asc", "Desc", "AscNullsFirst", "AscNullsLast", "DescNullsFirst", "DescNullsLast"]

    /// The sort keys of the request, in index order.
    ///
    /// - Throws: ``SeveraAPIError`` 400 for an unknown key or direction.
    static func parse(_ query: ListQuery, kind: SeveraKind) throws(SeveraAPIError) -> [Key] {
        var byIndex: [Int: (key: String?, value: String?)] = [:]
        for item in query.request.query {
            let name = item.name.lowercased()
            guard name.hasPrefix("sortings["), let close = name.firstIndex(of: "]"),
                let index = Int(name[name.index(name.startIndex, offsetBy: 9)..<close])
            else { continue }
            if name.hasSuffix(".key") { byIndex[index, default: (nil, nil)].key = item.value }
            if name.hasSuffix(".value") { byIndex[index, default: (nil, nil)].value = item.value }
        }
        let schema = SeveraDefinitions.schema(kind)
        var keys: [Key] = []
        for index in byIndex.keys.sorted() {
            guard let entry = byIndex[index], let name = entry.key, let field = schema.index(matching: name),
                isSortable(schema.fields[field].kind)
            else {
                throw .invalidParameter(
                    "sortings[\(index)].key does not name a sortable field.", .uriParameter,
                    name: "sortings")
            }
            let direction = entry.value ?? "Asc"
            guard let match = directions.first(where: { $0.lowercased() == direction.lowercased() }) else {
                throw .invalidParameter(
                    "sortings[\(index)].value must be one of \(directions.joined(separator: ", ")).", .uriParameter,
                    name: "sortings")
            }
            let descending = match.hasPrefix("Desc")
            let nullsFirst = match.hasSuffix("NullsFirst") || (!match.hasSuffix("NullsLast") && !descending)
            keys.append(Key(field: field, descending: descending, nullsFirst: nullsFirst))
        }
        return keys
    }

    /// `records` sorted by `keys`, ties kept in creation order.
    static func sort(_ records: [StoredRecord], by keys: [Key], kind: SeveraKind, store: SeveraStore)
        -> [StoredRecord]
    {
        let schema = SeveraDefinitions.schema(kind)
        let decorated = records.enumerated().map { offset, record in
            (
                offset, record,
                keys.map { key in
                    record.fields.value(of: key.field).flatMap { schema.decode(key.field, $0) }
                        ?? schema.fields[key.field].absentValue
                }
            )
        }
        return decorated.sorted { left, right in
            for (index, key) in keys.enumerated() {
                let order = compare(left.2[index], right.2[index], nullsFirst: key.nullsFirst)
                if order != 0 {
                    return key.descending && !(left.2[index].isNull || right.2[index].isNull) ? order > 0 : order < 0
                }
            }
            return left.0 < right.0
        }.map(\.1)
    }

    private static func compare(_ left: JSONValue, _ right: JSONValue, nullsFirst: Bool) -> Int {
        switch (left, right) {
        case (.null, .null): return 0
        case (.null, _): return nullsFirst ? -1 : 1
        case (_, .null): return nullsFirst ? 1 : -1
        case (.string(let a), .string(let b)):
            let (x, y) = (a.lowercased(), b.lowercased())
            return x == y ? 0 : (x < y ? -1 : 1)
        case (.number(let a), .number(let b)):
            let (x, y) = (a.decimal ?? 0, b.decimal ?? 0)
            return x == y ? 0 : (x < y ? -1 : 1)
        case (.bool(let a), .bool(let b)):
            return a == b ? 0 : (a ? 1 : -1)
        default:
            return 0
        }
    }

    private static func isSortable(_ kind: FieldKind) -> Bool {
        switch kind {
        case .string, .boolean, .int32, .int64, .decimal, .date, .dateTime, .enumeration: true
        default: false
        }
    }
}
