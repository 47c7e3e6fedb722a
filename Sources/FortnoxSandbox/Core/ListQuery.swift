/// What a resource offers in its list endpoint: filters, search parameters and sort keys.
struct ListOptions: Sendable {
    /// The `filter=` values the resource accepts (others get 2000587).
    var filters: [String] = []
    /// Search parameters (lowercase) and the field each matches as a case-insensitive substring.
    var searches: [String: String] = [:]
    /// `sortby=` values (lowercase) and the field each sorts by.
    var sortKeys: [String: String] = [:]
    /// Date-range parameters (`fromdate`, `todate`, …) and the date field each bounds.
    var dateRanges: [String: (field: String, isLowerBound: Bool)] = [:]
}

/// The parsed query of a list request: paging, `lastmodified`, filter, searches and sorting.
struct ListQuery: Sendable {
    /// The largest `limit` accepted. INVENTED: Fortnox's maximum is 500 [sdk]; what it does above that
    /// is UNVERIFIED, so the emulator answers 400 2000588 instead of silently capping.
    static let maximumLimit = 500
    /// The default `limit`.
    static let defaultLimit = 100

    /// The 1-based page.
    var page = 1
    /// Records per page.
    var limit = ListQuery.defaultLimit
    /// Records skipped before the first page.
    var offset = 0
    /// Only records modified at or after this stamp (milliseconds since 1970).
    var modifiedSince: Int64?
    /// The `filter=` value, validated.
    var filter: String?
    /// `(field, lowercased needle)` pairs; all must match.
    var searches: [(field: String, needle: String)] = []
    /// `(field, bound, isLowerBound)` date ranges; all must hold.
    var dateRanges: [(field: String, bound: FortnoxCalendarDate, isLowerBound: Bool)] = []
    /// The field to sort by, or `nil` for key order.
    var sortField: String?
    /// Whether to reverse the order.
    var descending = false

    /// Parses and validates the query items of a list request.
    ///
    /// - Throws: ``FortnoxError`` 2000587 for an unknown filter and 2000588 for a malformed or
    ///   unsupported parameter value.
    init(_ items: [(name: String, value: String)], options: ListOptions, time: FortnoxLocalTime) throws(FortnoxError) {
        for (rawName, value) in items {
            let name = rawName.lowercased()
            switch name {
            case "page":
                guard let number = Int(value), number >= 1 else { throw .invalidParameter(rawName, value) }
                page = number
            case "limit":
                guard let number = Int(value), (1...ListQuery.maximumLimit).contains(number) else {
                    throw .invalidParameter(rawName, value)
                }
                limit = number
            case "offset":
                guard let number = Int(value), number >= 0 else { throw .invalidParameter(rawName, value) }
                offset = number
            case "lastmodified":
                guard let stamp = time.stamp(ofLastModified: value) else { throw .invalidParameter(rawName, value) }
                modifiedSince = stamp
            case "filter":
                guard let match = options.filters.first(where: { $0 == value.lowercased() }) else {
                    throw .badRequest(FortnoxErrorCode.invalidFilter, "Ett ogiltigt filter har använts.")
                }
                filter = match
            case "sortby":
                guard let field = options.sortKeys[value.lowercased()] else { throw .invalidParameter(rawName, value) }
                sortField = field
            case "sortorder":
                switch value.lowercased() {
                case "ascending": descending = false
                case "descending": descending = true
                default: throw .invalidParameter(rawName, value)
                }
            default:
                if let field = options.searches[name] {
                    searches.append((field, value.lowercased()))
                } else if let range = options.dateRanges[name] {
                    guard let bound = FortnoxCalendarDate(value) else { throw .invalidParameter(rawName, value) }
                    dateRanges.append((range.field, bound, range.isLowerBound))
                }
            // Other parameters (financialyear, …) are accepted and ignored, as Fortnox ignores unknown ones.
            }
        }
    }

    /// A string that identifies which records match (not which page), for the listing cache.
    var matchSignature: String {
        var parts = [String(modifiedSince ?? -1), filter ?? "", sortField ?? "", descending ? "d" : "a"]
        parts += searches.map { "\($0.field)~\($0.needle)" }
        parts += dateRanges.map { "\($0.field)\($0.isLowerBound ? ">=" : "<=")\($0.bound)" }
        return parts.joined(separator: "\u{1}")
    }
}
