import HTTPSupport
import SyncCore

/// Severa customers (R2) with their addresses (R2.4) as one ``RecordEndpoint``.
///
/// - A customer record is the `CustomerModel` plus the addresses of `/v1/customers/{guid}/addresses`;
///   per role the first listed address wins (R2.4). Its version is the customer's `lastUpdatedDateTime`
///   plus a digest of its addresses' guids and stamps, because Severa does not touch the customer when an
///   address changes (UNVERIFIED, and the emulator does not).
/// - The change feed reads `/v1/customers?changedSince=` **and** `/v1/addresses?changedSince=` and re-reads
///   the customers whose addresses changed; its cursor holds both positions (``CustomerFeed``).
/// - Writes: a PATCH with the changed customer fields, then address writes (``AddressWriter``): the first
///   address of a role is updated, or an address with the role's flag is created; other addresses are left
///   alone except to take a role's flag away when that role must change without the others it shares
///   the address with, or when the role is removed.
struct CustomerEndpoint: RecordEndpoint {
    let context: SeveraContext

    var carriedFields: Set<String> {
        CustomerMapping.customerFields.union(
            AddressRole.allCases.filter { context.options.addressRoleFlags[$0] != nil }.map(\.canonicalKey))
    }

    func changes(since cursor: ChangeCursor?) -> AsyncThrowingStream<ChangePage<Customer>, any Error> {
        let previous: FeedCursor
        do {
            previous = try FeedCursor(cursor, routes: CustomerFeed.routes, feed: "customer")
        } catch {
            return failedStream(error)
        }
        return CustomerFeed(context: context, previous: previous).stream()
    }

    func find(naturalKey: String) async throws(ConnectorError) -> RemoteRecord<Customer>? {
        guard let number = CustomerMapping.severaNumber(naturalKey) else { return nil }
        let reply = try await context.api.send(
            .get, "/v1/customers", query: [QueryItem("numbers", String(number))], area: .customers)
        guard
            let object = try ListPager.records(of: reply, api: context.api).first(where: {
                (try? $0.optionalInt64("number")) == number
            })
        else { return nil }
        return try await complete(object, operation: reply.operation)
    }

    func create(_ record: Customer) async throws(ConnectorError) -> RemoteRecord<Customer> {
        let operation = "POST /v1/customers"
        let number = try CustomerMapping.requiredNumber(record, operation: operation)
        let currencyGUID = try await currencyGUID(record.currency, operation: operation)
        let countries = try await context.references.countryTable()
        let writer = AddressWriter(context: context, countries: countries)
        let creations = try writer.creations(for: record.addresses, operation: operation)
        let reply = try await context.api.send(
            .post, "/v1/customers",
            body: CustomerMapping.createBody(record, number: number, currencyGUID: currencyGUID), area: .customers)
        let object = try ListPager.record(of: reply, api: context.api)
        let guid: String
        do {
            guid = try object.guid()
        } catch {
            throw context.unreadable(operation, error, record: "the created customer \(record.number)")
        }
        var addresses: [SeveraAddress] = []
        do {
            for creation in creations {
                addresses.append(try await writer.create(creation, customer: guid, existing: addresses))
            }
        } catch {
            throw await undoCreate(guid, number: record.number, cause: error)
        }
        return try remote(object, addresses: AddressList(addresses: addresses), operation: operation)
    }

    /// Deletes a customer whose addresses could not all be written, so a create leaves a whole customer
    /// or none: a customer missing an address would otherwise be paired as it is, and its master values
    /// (no address) could win over the other side's.
    ///
    /// - Returns: The error to throw: the cause (an unknown outcome becomes `unavailable`, as nothing
    ///   remains) when the customer is gone, else the cause naming the half-made customer.
    private func undoCreate(_ guid: String, number: String, cause: ConnectorError) async -> ConnectorError {
        let path = "/v1/customers/\(SeveraAPI.segment(guid))"
        do {
            _ = try await context.api.send(.delete, path, area: .customers)
        } catch  where error.kind == .notFound {
        } catch {
            return ConnectorError(
                kind: cause.kind, system: cause.system, operation: cause.operation,
                message: "\(cause.message); customer \(number) was created (guid \(guid)) without all its addresses "
                    + "and deleting it again failed (\(error.description)): complete or delete it in Severa by hand",
                remoteCode: cause.remoteCode)
        }
        return ConnectorError(
            kind: cause.kind == .outcomeUnknown ? .unavailable : cause.kind, system: cause.system,
            operation: cause.operation,
            message: "\(cause.message); customer \(number) was deleted again so no customer without its addresses "
                + "stays in Severa", remoteCode: cause.remoteCode)
    }

    func update(id: String, fields: Set<String>, to record: Customer) async throws(ConnectorError)
        -> RemoteRecord<Customer>
    {
        let path = "/v1/customers/\(SeveraAPI.segment(id))"
        let operation = "PATCH \(path)"
        if let foreign = fields.subtracting(carriedFields).sorted().first {
            throw context.invalid(operation, "Severa customers do not carry \(foreign) (customer \(record.number))")
        }
        let customerFields = fields.intersection(CustomerMapping.customerFields)
        let number =
            customerFields.contains("number")
            ? try CustomerMapping.requiredNumber(record, operation: operation) : 0
        let currencyGUID =
            customerFields.contains("currency") ? try await currencyGUID(record.currency, operation: operation) : nil
        let roles = AddressRole.allCases.filter { fields.contains($0.canonicalKey) }
        let countries = try await context.references.countryTable()
        let writer = AddressWriter(context: context, countries: countries)
        try writer.validate(record.addresses, roles: roles, operation: operation)
        let patch = CustomerMapping.patch(customerFields, of: record, number: number, currencyGUID: currencyGUID)
        let reply =
            patch.isEmpty
            ? try await context.api.send(.get, path, area: .customers)
            : try await context.api.send(.patch, path, body: patch.json, area: .customers)
        let object = try ListPager.record(of: reply, api: context.api)
        if !roles.isEmpty {
            let current = try await CustomerAddresses.of(customer: id, context: context, countries: countries)
            if let problem = current.problem {
                throw context.unreadable("GET \(path)/addresses", problem, record: "customer \(record.number)")
            }
            try await writer.write(record.addresses, roles: roles, customer: id, current: current.addresses)
        }
        return try await complete(object, operation: reply.operation)
    }

    /// The customer of `object` with its addresses read from Severa.
    private func complete(_ object: WireObject, operation: String) async throws(ConnectorError)
        -> RemoteRecord<Customer>
    {
        let guid: String
        do {
            guid = try object.guid()
            _ = try object.stamp()
        } catch {
            let key = CustomerMapping.naturalKey(object).map { "customer \($0)" } ?? "customer"
            throw context.unreadable(operation, error, record: key)
        }
        let countries = try await context.references.countryTable()
        let addresses = try await CustomerAddresses.of(customer: guid, context: context, countries: countries)
        return try remote(object, addresses: addresses, operation: operation)
    }

    private func remote(_ object: WireObject, addresses: AddressList, operation: String) throws(ConnectorError)
        -> RemoteRecord<Customer>
    {
        do {
            return try Self.remote(object, addresses: addresses, options: context.options)
        } catch {
            let key = CustomerMapping.naturalKey(object).map { "customer \($0)" } ?? "customer"
            throw context.unreadable(operation, error, record: key)
        }
    }

    /// The customer of a model and its addresses; the addresses' problem makes it unreadable.
    static func remote(
        _ object: WireObject, addresses: AddressList, options: SeveraConnector.Options
    ) throws(WireError) -> RemoteRecord<Customer> {
        let guid = try object.guid()
        let stamp = try object.stamp()
        if let problem = addresses.problem { throw problem }
        let roles = AddressMapping.roles(of: addresses.addresses, flags: options.addressRoleFlags)
        return RemoteRecord(
            id: guid, record: try CustomerMapping.customer(object, addresses: roles),
            version: AddressMapping.customerVersion(customerStamp: stamp.text, addresses: addresses.addresses))
    }

    /// The guid of currency `code`, `nil` for no currency.
    private func currencyGUID(_ code: String?, operation: String) async throws(ConnectorError) -> String? {
        guard let code, !code.isEmpty else { return nil }
        guard let guid = try await context.references.currencyTable().guidByCode[code.uppercased()] else {
            throw context.invalid(operation, "currency \(code) does not exist in Severa (/v1/currencies)")
        }
        return guid
    }
}
