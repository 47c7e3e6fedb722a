import HTTPSupport
import SyncCore

/// The addresses of one customer in listing order, or why one of them cannot be read.
struct AddressList: Sendable {
    /// The readable addresses, first listed first.
    var addresses: [SeveraAddress] = []
    /// The first address that could not be read; the customer is unreadable then.
    var problem: WireError?

    /// Adds an address model.
    mutating func append(_ object: WireObject, countries: ReferenceData.Table) {
        do {
            addresses.append(try AddressMapping.read(object, countries: countries))
        } catch {
            if problem == nil {
                let guid = (try? object.guid()) ?? "?"
                problem = WireError(field: "address \(guid) \(error.field)", reason: error.reason)
            }
        }
    }
}

/// Reads customers' addresses: one customer's from `/v1/customers/{guid}/addresses`, everyone's from
/// the `/v1/addresses` register (one request per 1000 addresses instead of one per customer).
enum CustomerAddresses {
    /// The addresses of customer `guid`.
    static func of(customer guid: String, context: SeveraContext, countries: ReferenceData.Table)
        async throws(ConnectorError) -> AddressList
    {
        var pager = ListPager(
            path: "/v1/customers/\(SeveraAPI.segment(guid))/addresses", style: .offset, area: .customers)
        var list = AddressList()
        for object in try await pager.all(using: context.api) { list.append(object, countries: countries) }
        return list
    }

    /// Every address of the register changed since the cursor's `addresses` position (all when it has
    /// none), grouped by customer guid (lower case) in listing order, and the latest stamp among them.
    static func index(
        since cursor: FeedCursor?, context: SeveraContext, countries: ReferenceData.Table
    ) async throws(ConnectorError) -> (lists: [String: AddressList], latest: ChangeStamp?) {
        var pager = ListPager(
            path: "/v1/addresses", query: cursor?.filter("addresses") ?? [], style: .offset, area: .customers)
        var index: [String: AddressList] = [:]
        var latest: ChangeStamp?
        while !pager.isFinished {
            for object in try await pager.next(using: context.api) {
                if let stamp = try? object.stamp().stamp, latest.map({ $0 < stamp }) ?? true { latest = stamp }
                guard let customer = try? object.optionalObject("customer")?.optionalText("guid") else {
                    context.api.note(
                        .warning, "address \((try? object.guid()) ?? "?") names no customer; it is not read")
                    continue
                }
                index[customer.lowercased(), default: AddressList()].append(object, countries: countries)
            }
        }
        return (index, latest)
    }
}
