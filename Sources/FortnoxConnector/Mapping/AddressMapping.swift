import SyncCore

/// One customer address ↔ the Fortnox fields of its role (R2.4; `Mappings/address-roles.json`).
///
/// Street lines: Fortnox has two street fields for the invoice and delivery addresses and one for the
/// visiting address. Lines that do not fit are **joined** with `", "` into the last street field
/// (line 1 stays alone when there is a second field), as the shipped mapping documents; nothing is
/// dropped, and the joined text must still fit the field's limit (else `invalidRecord`). Read back,
/// each Fortnox street field is one line, so a joined address comes back with fewer lines; the
/// engine compares each side with its own snapshot, so this never causes a write back and forth.
enum AddressMapping {
    /// The separator of street lines joined into one field.
    static let lineSeparator = ", "

    /// The address held in `fields`, or `nil` when they hold no street, postal code or city.
    static func address(in entity: WireEntity, fields: FortnoxAddressFields) throws(WireFieldError) -> Address? {
        var lines: [String] = []
        if let line = try entity.text(fields.line1) { lines.append(line) }
        if let second = fields.line2, let line = try entity.text(second) { lines.append(line) }
        let address = Address(
            lines: lines, postalCode: try entity.text(fields.postalCode), city: try entity.text(fields.city),
            countryCode: try entity.text(fields.countryCode))
        return address.isEmpty ? nil : address
    }

    /// Writes `address` (or, with `clear`, empties the fields when it is `nil`) into `body`.
    static func write(
        _ address: Address?, role: AddressRole, fields: FortnoxAddressFields, into body: inout WireBody, clear: Bool
    ) throws(WireFieldError) {
        let lines = address?.lines ?? []
        if let second = fields.line2 {
            let rest = Array(lines.dropFirst())
            let note = rest.count > 1 ? "street lines 2–\(lines.count) of the \(role.rawValue) address joined" : nil
            try body.text(fields.line1, lines.first, clear: clear)
            try body.text(second, rest.isEmpty ? nil : rest.joined(separator: lineSeparator), clear: clear, note: note)
        } else {
            let note = lines.count > 1 ? "the \(lines.count) street lines of the \(role.rawValue) address joined" : nil
            let joined = lines.isEmpty ? nil : lines.joined(separator: lineSeparator)
            try body.text(fields.line1, joined, clear: clear, note: note)
        }
        try body.text(fields.postalCode, address?.postalCode, clear: clear)
        try body.text(fields.city, address?.city, clear: clear)
        try body.text(fields.countryCode, address?.countryCode, clear: clear)
    }
}
