import HTTPSupport
import JSONSupport
import SyncCore

/// Writes a customer's canonical addresses to its Severa addresses without disturbing the others (R2.4).
///
/// For each written role, in the order billing, postal, visiting:
/// - **Removed** (no address, or an empty one): the role's flag is cleared on every address that has it,
///   so no later address takes the role over.
/// - **Set**: the first address with the role's flag is the role's address.
///   - Equal already: nothing to do.
///   - It is the first address of no other role that keeps a different value: it is patched (only the
///     members that differ).
///   - Otherwise it also serves another role that must keep its value: the flag is taken off it and the
///     next address with the flag is considered, until one can be patched.
///   - No address has the flag: a new address is created with it (equal new addresses of several roles
///     become one address with several flags).
/// Addresses are never deleted.
struct AddressWriter: Sendable {
    typealias Flag = SeveraConnector.Options.AddressFlag

    /// An address to create and the flags it gets.
    struct Creation: Sendable, Equatable {
        var address: Address
        var flags: Set<Flag>
    }

    let context: SeveraContext
    let countries: ReferenceData.Table

    /// Checks that every country of the roles to write exists in Severa, before anything is written.
    ///
    /// - Throws: `invalidRecord` naming the role and the country code.
    func validate(_ addresses: [AddressRole: Address], roles: [AddressRole], operation: String) throws(ConnectorError) {
        for role in roles {
            guard let address = addresses[role], !address.isEmpty, let code = address.countryCode else { continue }
            if countries.guidByCode[code.uppercased()] == nil {
                throw context.invalid(
                    operation,
                    "\(role.canonicalKey): country \(code) does not exist in Severa (/v1/localization/countries)")
            }
        }
    }

    /// The addresses a new customer gets: one per distinct address, with the flags of its roles.
    func creations(for addresses: [AddressRole: Address], operation: String) throws(ConnectorError) -> [Creation] {
        let roles = AddressRole.allCases.filter { context.options.addressRoleFlags[$0] != nil }
        try validate(addresses, roles: roles, operation: operation)
        var creations: [Creation] = []
        for role in roles {
            guard let address = addresses[role], !address.isEmpty, let flag = context.options.addressRoleFlags[role]
            else { continue }
            if let index = creations.firstIndex(where: { $0.address == address }) {
                creations[index].flags.insert(flag)
            } else {
                creations.append(Creation(address: address, flags: [flag]))
            }
        }
        return creations
    }

    /// Writes `desired` for `roles` over the customer's `current` addresses (in listing order).
    func write(
        _ desired: [AddressRole: Address], roles: [AddressRole], customer: String, current: [SeveraAddress]
    ) async throws(ConnectorError) {
        var list = current
        var creations: [Creation] = []
        let flags = context.options.addressRoleFlags
        func wanted(_ role: AddressRole) -> Address? { desired[role].flatMap { $0.isEmpty ? nil : $0 } }
        for role in roles {
            guard let flag = flags[role] else { continue }
            guard let want = wanted(role) else {
                for index in list.indices where list[index].flags.contains(flag) {
                    try await setFlag(flag, false, on: &list[index])
                }
                continue
            }
            while true {
                guard let index = list.firstIndex(where: { $0.flags.contains(flag) }) else {
                    if let existing = creations.firstIndex(where: { $0.address == want }) {
                        creations[existing].flags.insert(flag)
                    } else {
                        creations.append(Creation(address: want, flags: [flag]))
                    }
                    break
                }
                if list[index].address == want { break }
                let keepers = AddressRole.allCases.filter { other in
                    guard other != role, let otherFlag = flags[other], list[index].flags.contains(otherFlag),
                        list.firstIndex(where: { $0.flags.contains(otherFlag) }) == index
                    else { return false }
                    // A role written too keeps the value it is given (none: it does not care); a role not
                    // written keeps the address's current value, which differs from `want`.
                    return roles.contains(other) ? wanted(other).map { $0 != want } ?? false : true
                }
                if keepers.isEmpty {
                    try await patch(&list[index], to: want)
                    break
                }
                try await setFlag(flag, false, on: &list[index])
            }
        }
        for creation in creations {
            list.append(try await create(creation, customer: customer, existing: list))
        }
    }

    /// Creates an address. When the answer is lost, the customer's addresses are read again: an address
    /// that was not there before and matches is taken; otherwise the create is sent once more.
    func create(_ creation: Creation, customer: String, existing: [SeveraAddress]) async throws(ConnectorError)
        -> SeveraAddress
    {
        let path = "/v1/customers/\(SeveraAPI.segment(customer))/addresses"
        let body = AddressMapping.createBody(
            creation.address, flags: creation.flags,
            countryGUID: creation.address.countryCode.flatMap { countries.guidByCode[$0.uppercased()] })
        var attempt = 0
        while true {
            attempt += 1
            do {
                let reply = try await context.api.send(.post, path, body: body, area: .customers)
                return try read(try ListPager.record(of: reply, api: context.api), operation: reply.operation)
            } catch  where error.kind == .outcomeUnknown && attempt == 1 {
                let known = Set(existing.map(\.guid))
                let now = try await CustomerAddresses.of(customer: customer, context: context, countries: countries)
                if let made = now.addresses.first(where: {
                    !known.contains($0.guid) && $0.address == creation.address && $0.flags == creation.flags
                }) {
                    return made
                }
                context.api.note(.warning, "POST \(path) got no answer and created nothing; sending it once more")
            }
        }
    }

    private func patch(_ address: inout SeveraAddress, to want: Address) async throws(ConnectorError) {
        let patch = AddressMapping.patch(
            from: address.address, to: want,
            countryGUID: want.countryCode.flatMap { countries.guidByCode[$0.uppercased()] })
        guard !patch.isEmpty else { return }
        address = try await send(patch, to: address)
    }

    private func setFlag(_ flag: Flag, _ value: Bool, on address: inout SeveraAddress) async throws(ConnectorError) {
        var patch = JSONPatch()
        patch.replace("/\(flag.rawValue)", .bool(value))
        address = try await send(patch, to: address)
    }

    private func send(_ patch: JSONPatch, to address: SeveraAddress) async throws(ConnectorError) -> SeveraAddress {
        let reply = try await context.api.send(
            .patch, "/v1/addresses/\(SeveraAPI.segment(address.guid))", body: patch.json, area: .customers)
        return try read(try ListPager.record(of: reply, api: context.api), operation: reply.operation)
    }

    private func read(_ object: WireObject, operation: String) throws(ConnectorError) -> SeveraAddress {
        do {
            return try AddressMapping.read(object, countries: countries)
        } catch {
            throw context.unreadable(operation, error, record: "the written address")
        }
    }
}
