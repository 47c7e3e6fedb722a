import Foundation
import HTTPSupport
import SandboxKit

/// Which records a list route looks at: the whole table, or the records of one owner.
enum CandidateSource {
    /// Every record of the kind.
    case all
    /// The records at these table positions (ascending), e.g. one customer's addresses.
    case positions([Int32])
}

/// Severa's two paging styles and the list responses they produce.
enum Paging {
    /// Token paging: `rowCount` (default 20, at most 100) and `pageToken`; the response header
    /// `NextPageToken` is present only when more rows follow.
    ///
    /// UNVERIFIED: what Severa does with `rowCount` above 100; the emulator serves 100. With
    /// ``ListQuery/shiftingPageTokens`` a token holds the number of matching rows already served.
    static func tokenPage(
        _ store: SeveraStore, _ kind: SeveraKind, source: CandidateSource = .all, filter: RecordFilter,
        query: ListQuery
    ) throws(SeveraAPIError) -> HTTPResponse {
        let requested = try query.int("rowCount") ?? 20
        // INVENTED: rowCount below 1 is refused.
        guard requested >= 1 else {
            throw .invalidParameter("rowCount must be at least 1.", .uriParameter, name: "rowCount")
        }
        let limit = min(requested, 100)
        let fingerprint = query.fingerprint
        let start =
            try query.value("pageToken").map { token throws(SeveraAPIError) in
                try PageToken.decode(token, kind: kind, fingerprint: fingerprint)
            } ?? 0
        let records = store[kind].records
        // A shifting token counts matching rows to skip from the start instead of naming a position.
        let shifting = query.shiftingPageTokens
        var skipped = 0
        var page: [StoredRecord] = []
        var next: Int?
        forEachCandidate(source, from: shifting ? 0 : start, count: records.count) { position in
            let record = records[position]
            guard !record.isDeleted, filter.matches(record, store) else { return true }
            if shifting, skipped < start {
                skipped += 1
                return true
            }
            if page.count == limit {
                next = shifting ? start + limit : position
                return false
            }
            page.append(record)
            return true
        }
        var headers: HTTPHeaders = ["Content-Type": "application/json; charset=utf-8"]
        if let next {
            headers["NextPageToken"] = PageToken.encode(kind: kind, position: next, fingerprint: fingerprint)
        }
        return HTTPResponse(status: 200, headers: headers, body: Data(store.renderArray(kind, page)))
    }

    /// Offset paging: `firstRow` (0-based), `rowCount` (default 20 or all, capped at 1000 as D1 says),
    /// `calculateRowCount` and `sortings`.
    ///
    /// INVENTED: the total asked for with `calculateRowCount=true` is returned in a `TotalRowCount`
    /// response header (where Severa returns it is UNVERIFIED).
    static func offsetPage(
        _ store: SeveraStore, _ kind: SeveraKind, source: CandidateSource = .all, filter: RecordFilter,
        query: ListQuery, defaultAll: Bool = false
    ) throws(SeveraAPIError) -> HTTPResponse {
        let firstRow = try query.int("firstRow") ?? 0
        guard firstRow >= 0 else {
            throw .invalidParameter("firstRow must not be negative.", .uriParameter, name: "firstRow")
        }
        let requested = try query.int("rowCount") ?? (defaultAll ? 1000 : 20)
        guard requested >= 1 else {
            throw .invalidParameter("rowCount must be at least 1.", .uriParameter, name: "rowCount")
        }
        let limit = min(requested, 1000)
        let countAll = try query.bool("calculateRowCount") ?? false
        let sortings = try Sorting.parse(query, kind: kind)
        let records = store[kind].records
        var page: [StoredRecord] = []
        var total = 0
        if sortings.isEmpty {
            forEachCandidate(source, from: 0, count: records.count) { position in
                let record = records[position]
                guard !record.isDeleted, filter.matches(record, store) else { return true }
                if total >= firstRow && page.count < limit { page.append(record) }
                total += 1
                return countAll || page.count < limit
            }
        } else {
            var matching: [StoredRecord] = []
            forEachCandidate(source, from: 0, count: records.count) { position in
                let record = records[position]
                if !record.isDeleted, filter.matches(record, store) { matching.append(record) }
                return true
            }
            total = matching.count
            let sorted = Sorting.sort(matching, by: sortings, kind: kind, store: store)
            page = Array(sorted.dropFirst(firstRow).prefix(limit))
        }
        var headers: HTTPHeaders = ["Content-Type": "application/json; charset=utf-8"]
        if countAll { headers["TotalRowCount"] = String(total) }
        return HTTPResponse(status: 200, headers: headers, body: Data(store.renderArray(kind, page)))
    }

    /// A list without paging (VAT rates, countries, languages).
    static func all(_ store: SeveraStore, _ kind: SeveraKind, filter: RecordFilter) -> HTTPResponse {
        let page = store[kind].records.filter { !$0.isDeleted && filter.matches($0, store) }
        return HTTPResponse(
            status: 200, headers: ["Content-Type": "application/json; charset=utf-8"],
            body: Data(store.renderArray(kind, page)))
    }

    /// Calls `body` with each candidate position at or after `start` until it returns `false`.
    private static func forEachCandidate(
        _ source: CandidateSource, from start: Int, count: Int, _ body: (Int) -> Bool
    ) {
        switch source {
        case .all:
            var position = start
            while position < count, body(position) { position += 1 }
        case .positions(let positions):
            var low = 0
            var high = positions.count
            while low < high {
                let middle = (low + high) / 2
                if Int(positions[middle]) < start { low = middle + 1 } else { high = middle }
            }
            var index = low
            while index < positions.count, body(Int(positions[index])) { index += 1 }
        }
    }
}
