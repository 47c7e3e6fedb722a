import JSONSupport
import SyncCore

/// One Severa `AddressModel` as the connector keeps it.
struct SeveraAddress: Sendable, Equatable {
    /// The address's guid.
    let guid: String
    /// The owning customer's guid, when the model names it.
    let customerGUID: String?
    /// The owning customer's number, when the model names it.
    let customerNumber: Int64?
    /// The type flags set on the address.
    var flags: Set<SeveraConnector.Options.AddressFlag>
    /// The address in canonical form.
    var address: Address
    /// `lastUpdatedDateTime` as written.
    let stampText: String
    /// `lastUpdatedDateTime`.
    let stamp: ChangeStamp
}

/// Severa `AddressModel` ↔ canonical ``Address`` and the choice of one address per role (R2.4).
///
/// - `addressline` is multi-line: its lines (split at line breaks, empty ones dropped) are `lines`;
///   written back joined with `\n`.
/// - `postalCode`, `city` as text, empty text as absent; `country` is a reference resolved to its ISO
///   alpha-2 `code2` through `/v1/localization/countries`.
/// - A role's address is the **first listed** address (the order `/v1/customers/{guid}/addresses`
///   and `/v1/addresses` list them) whose flag for the role is set (R2.4); the flag per role comes
///   from ``SeveraConnector/Options/addressRoleFlags``. An address holding nothing (no lines, postal
///   code or city) counts as no address, as in the canonical form.
enum AddressMapping {
    /// Reads an address model.
    static func read(_ object: WireObject, countries: ReferenceData.Table) throws(WireError) -> SeveraAddress {
        var flags: Set<SeveraConnector.Options.AddressFlag> = []
        for flag in SeveraConnector.Options.AddressFlag.allCases where try object.bool(flag.rawValue, default: false) {
            flags.insert(flag)
        }
        var countryCode: String?
        if let country = try object.optionalObject("country"), let guid = try country.optionalText("guid") {
            guard let code = countries.codeByGUID[guid.lowercased()] else {
                throw country.error("guid", "\(guid) is not a country of /v1/localization/countries")
            }
            countryCode = code
        }
        let lines = (try object.optionalString("addressline") ?? "")
            .split(omittingEmptySubsequences: true, whereSeparator: \.isNewline)
            .map(String.init)
        let stamp = try object.stamp()
        let customer = try object.optionalObject("customer")
        return SeveraAddress(
            guid: try object.guid(),
            customerGUID: try customer?.optionalText("guid")?.lowercased(),
            customerNumber: try customer?.optionalInt64("number"),
            flags: flags,
            address: Address(
                lines: lines, postalCode: try object.optionalText("postalCode"), city: try object.optionalText("city"),
                countryCode: countryCode),
            stampText: stamp.text,
            stamp: stamp.stamp
        )
    }

    /// The address per role: the first listed address with the role's flag (R2.4), when not empty.
    static func roles(
        of addresses: [SeveraAddress], flags: [AddressRole: SeveraConnector.Options.AddressFlag]
    ) -> [AddressRole: Address] {
        var result: [AddressRole: Address] = [:]
        for role in AddressRole.allCases {
            guard let flag = flags[role], let first = addresses.first(where: { $0.flags.contains(flag) }),
                !first.address.isEmpty
            else { continue }
            result[role] = first.address
        }
        return result
    }

    /// The version of a customer with `addresses`: the customer's stamp plus a digest of every address's
    /// guid and stamp in listing order, so any address change (also adding or deleting one) changes it.
    static func customerVersion(customerStamp: String, addresses: [SeveraAddress]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for address in addresses {
            for byte in "\(address.guid)|\(address.stampText);".utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
            }
        }
        let digest = String(hash, radix: 16)
        return
            "\(customerStamp);addresses=\(addresses.count):\(String(repeating: "0", count: 16 - digest.count))\(digest)"
    }

    /// The body of `POST /v1/customers/{guid}/addresses`.
    static func createBody(
        _ address: Address, flags: Set<SeveraConnector.Options.AddressFlag>, countryGUID: String?
    ) -> JSONValue {
        var body: [String: JSONValue] = [
            "addressline": .string(address.lines.joined(separator: "\n")),
            "postalCode": WireValues.text(address.postalCode), "city": WireValues.text(address.city),
        ]
        for flag in SeveraConnector.Options.AddressFlag.allCases {
            body[flag.rawValue] = .bool(flags.contains(flag))
        }
        if let countryGUID { body["country"] = WireValues.reference(countryGUID) }
        return .object(body)
    }

    /// The patch turning `current` into `desired`, only the members that differ.
    static func patch(from current: Address, to desired: Address, countryGUID: String?) -> JSONPatch {
        var patch = JSONPatch()
        if current.lines != desired.lines {
            patch.replace("/addressline", .string(desired.lines.joined(separator: "\n")))
        }
        if current.postalCode != desired.postalCode {
            patch.replace("/postalCode", WireValues.text(desired.postalCode))
        }
        if current.city != desired.city { patch.replace("/city", WireValues.text(desired.city)) }
        if current.countryCode != desired.countryCode { patch.replace("/country/guid", WireValues.text(countryGUID)) }
        return patch
    }
}
