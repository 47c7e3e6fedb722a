import HTTPSupport
import SyncCore

/// Severa work types, travel expense types and products (R1) as one ``RecordEndpoint``.
///
/// - Ids carry the register (`worktype:<guid>`, `travelexpensetype:<guid>`, `product:<guid>`); `create`
///   picks the register from the product's `kind`.
/// - ``carriedFields(for:)`` answers per register (by the record's `kind`): work types have no unit, price
///   or VAT, products and travel expense types have them. The engine compares and writes a pair over the
///   members both records carry, so a product's price and unit are synchronised while a work type never
///   reads as "price removed" (which would clear the Fortnox article's price). ``carriedFields`` is the
///   union of the enabled registers' members.
/// - `find` looks for the code in every enabled register; a code used more than once is an error.
struct ProductEndpoint: RecordEndpoint {
    let context: SeveraContext

    /// The enabled registers in listing order.
    var registers: [ProductRegister] {
        ProductRegister.allCases.filter { context.options.productRegisters.contains($0.kind) }
    }

    var carriedFields: Set<String> {
        registers.reduce([]) { $0.union($1.carriedFields) }
    }

    func carriedFields(for record: Product) -> Set<String> {
        ProductRegister(kind: record.kind).carriedFields
    }

    func changes(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<Product>, any Error> {
        let previous: FeedCursor
        do {
            previous = try FeedCursor(cursor, routes: ProductRegister.allCases.map(\.cursorRoute), feed: "product")
        } catch {
            return failedStream(error)
        }
        let options = context.options
        let listings = registers.map { register in
            RegisterListing<Product>(
                route: register.cursorRoute,
                pager: ListPager(
                    path: register.path, query: previous.filter(register.cursorRoute), style: register.style,
                    area: .settings),
                map: { object throws(WireError) in try Self.remote(object, register: register, options: options) },
                identify: { object in
                    ((try? object.guid()).map(register.id), (try? object.optionalString("code")) ?? nil)
                })
        }
        return RegisterFeed(context: context, listings: listings, previous: previous).stream()
    }

    func find(naturalKey: String) async throws(ConnectorError) -> RemoteRecord<Product>? {
        guard !naturalKey.isEmpty else { return nil }
        var found: [RemoteRecord<Product>] = []
        for register in registers {
            var query = [QueryItem("code", naturalKey), QueryItem("rowCount", "100")]
            if register.style == .offset { query.append(QueryItem("firstRow", "0")) }
            let reply = try await context.api.send(.get, register.path, query: query, area: .settings)
            for object in try ListPager.records(of: reply, api: context.api)
            where (try? object.optionalString("code")) == naturalKey {
                do {
                    found.append(try Self.remote(object, register: register, options: context.options))
                } catch {
                    throw context.unreadable(reply.operation, error, record: "\(register.displayName) \(naturalKey)")
                }
            }
        }
        guard found.count <= 1 else {
            throw context.invalid(
                "GET " + registers.map(\.path).joined(separator: ", "),
                "code \(naturalKey) is used by \(found.count) Severa records ("
                    + found.map { "\(ProductRegister(kind: $0.record.kind).displayName) \"\($0.record.name)\"" }
                    .joined(separator: ", ") + "); R1.1 matches one record per code, so give each its own code")
        }
        return found.first
    }

    func create(_ record: Product) async throws(ConnectorError) -> RemoteRecord<Product> {
        let register = ProductRegister(kind: record.kind)
        let operation = "POST \(register.path)"
        guard context.options.productRegisters.contains(record.kind) else {
            throw context.invalid(
                operation,
                "product \(record.code) is a \(register.displayName), a register this connector is "
                    + "configured not to write (productRegisters)")
        }
        if register == .workType, record.unit != nil || record.price != nil || record.vatRate != nil {
            context.api.note(
                .info, "work type \(record.code): unit, price and VAT are not stored (Severa work types have none)")
        }
        let body = ProductMapping.createBody(record, register: register, options: context.options)
        let reply = try await context.api.send(.post, register.path, body: body, area: .settings)
        return try read(reply, register: register, code: record.code)
    }

    func update(id: String, fields: Set<String>, to record: Product) async throws(ConnectorError)
        -> RemoteRecord<Product>
    {
        guard let (register, guid) = ProductRegister.split(id) else {
            throw context.invalid(
                "PATCH (product id \(id))",
                "\"\(id)\" is not a Severa product id (worktype:…, travelexpensetype:…, product:…)")
        }
        let path = "\(register.path)/\(SeveraAPI.segment(guid))"
        let patch = try ProductMapping.patch(
            fields, of: record, register: register, options: context.options, operation: "PATCH \(path)")
        let reply =
            patch.isEmpty
            ? try await context.api.send(.get, path, area: .settings)
            : try await context.api.send(.patch, path, body: patch.json, area: .settings)
        return try read(reply, register: register, code: record.code)
    }

    /// The record of a one-record answer.
    private func read(_ reply: SeveraReply, register: ProductRegister, code: String) throws(ConnectorError)
        -> RemoteRecord<Product>
    {
        let object = try ListPager.record(of: reply, api: context.api)
        do {
            return try Self.remote(object, register: register, options: context.options)
        } catch {
            throw context.unreadable(reply.operation, error, record: "\(register.displayName) \(code)")
        }
    }

    /// The product of a model of `register`.
    static func remote(
        _ object: WireObject, register: ProductRegister, options: SeveraConnector.Options
    ) throws(WireError) -> RemoteRecord<Product> {
        RemoteRecord(
            id: register.id(try object.guid()),
            record: try ProductMapping.product(object, register: register, options: options),
            version: try object.stamp().text)
    }
}
