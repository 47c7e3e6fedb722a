import Foundation
import JSONSupport
import SandboxKit

/// Checks shared by several resources: referenced records exist, country codes are real, accounts
/// have four digits. Each throws the error a POST/PUT gets.
extension FortnoxStore {
    /// The price lists the emulated company has. INVENTED: a new Fortnox company has price list `A`;
    /// creating further price lists is not emulated.
    static let priceLists: Set<String> = ["A"]

    /// The terms of payment codes the emulated company has (days, and `K` for cash).
    static let termsOfPayment: Set<String> = ["0", "10", "15", "20", "30", "45", "60", "90", "K"]

    /// Requires `field` (when set and non-empty) to name an existing cost center.
    func checkCostCenter(_ code: String, field: String = "CostCenter") throws(FortnoxError) {
        guard !code.isEmpty, !exists(.costcenters, code) else { return }
        throw .badRequest(  // INVENTED code, see FortnoxErrorCode
            FortnoxErrorCode.costCenterReferenceNotFound, "Kostnadsstället \(code) hittades inte (\(field))."
        )
    }

    /// Requires `code` (when non-empty) to name an existing, active cost center. INVENTED: a customer
    /// invoice refuses an inactive cost center (2099029); whether Fortnox does is UNVERIFIED, and
    /// supplier invoices and write-offs only need the cost center to exist.
    func checkActiveCostCenter(_ code: String, field: String = "CostCenter") throws(FortnoxError) {
        try checkCostCenter(code, field: field)
        guard !code.isEmpty, let center = values(.costcenters, code), !center.flag("Active") else { return }
        throw .badRequest(
            FortnoxErrorCode.costCenterInactive, "Kostnadsstället \(code) är inaktivt (\(field))."
        )
    }

    /// Requires `number` (when non-empty) to name an existing project.
    func checkProject(_ number: String, field: String = "Project") throws(FortnoxError) {
        guard !number.isEmpty, !exists(.projects, number) else { return }
        throw .badRequest(  // INVENTED code, see FortnoxErrorCode
            FortnoxErrorCode.projectReferenceNotFound, "Projektet \(number) hittades inte (\(field))."
        )
    }

    /// Requires `code` (when non-empty) to name an existing unit.
    func checkUnit(_ code: String, field: String = "Unit") throws(FortnoxError) {
        guard !code.isEmpty, !exists(.units, code) else { return }
        throw .badRequest(  // INVENTED code, see FortnoxErrorCode
            FortnoxErrorCode.unitReferenceNotFound, "Enheten \(code) hittades inte (\(field))."
        )
    }

    /// Requires `code` (when non-empty) to be a known terms of payment code.
    func checkTermsOfPayment(_ code: String) throws(FortnoxError) {
        guard !code.isEmpty, !FortnoxStore.termsOfPayment.contains(code) else { return }
        throw .badRequest(FortnoxErrorCode.termsOfPaymentNotFound, "Kan inte hitta betalningsvillkoret \(code).")
    }

    /// Requires `code` (when non-empty) to be a price list of the company.
    func checkPriceList(_ code: String) throws(FortnoxError) {
        guard !code.isEmpty, !FortnoxStore.priceLists.contains(code) else { return }
        throw .badRequest(  // INVENTED code, see FortnoxErrorCode
            FortnoxErrorCode.priceListNotFound, "Prislistan \(code) hittades inte."
        )
    }

    /// Normalises the country code in `field` to upper case and requires it to be an ISO 3166 code.
    static func checkCountryCode(_ values: inout FieldValues, _ field: String) throws(FortnoxError) {
        let code = values.text(field)
        guard !code.isEmpty else { return }
        guard CountryNames.name(of: code) != nil else {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.invalidCountryCode, "Ogiltig landskod \(code) (\(field))."
            )
        }
        values[field] = .string(code.uppercased())
    }

    /// Requires the account in `field` (when set) to be a four-digit BAS account.
    static func checkAccount(_ values: FieldValues, _ field: String) throws(FortnoxError) {
        guard case .number(let number) = values.resolved(field) else { return }
        try checkAccount(number.int64 ?? 0, field: field)
    }

    /// Requires `account` to be a four-digit BAS account.
    static func checkAccount(_ account: Int64, field: String) throws(FortnoxError) {
        guard !(1000...9999).contains(account) else { return }
        throw .badRequest(FortnoxErrorCode.accountNotFound, "Kunde inte hitta konto \(account) (\(field)).")
    }

    /// Requires the text in `field` to be non-empty.
    static func checkRequired(_ values: FieldValues, _ field: String) throws(FortnoxError) {
        if FortnoxText.isBlank(values.text(field)) { throw .required(field) }
    }

    /// Validates a nested object field against its allowed members, merging it over `previous`.
    ///
    /// - Throws: 2001392 when it is not an object, 2001399 for an unknown member, and the field errors.
    static func mergeNested(
        _ values: inout FieldValues, _ field: String, previous: JSONValue?, members allowed: [String: FieldSpec]
    ) throws(FortnoxError) {
        guard let sent = values[field] else { return }
        guard case .object(let members) = sent else { throw .wrongBody(expected: field) }
        var merged = (previous ?? values.schema.fields[values.schema.index(of: field)].absent).objectValue ?? [:]
        for name in members.keys.sorted() {
            guard let spec = allowed[name] else { throw .invalidFieldName("\(field).\(name)") }
            merged[name] = try spec.coerce(members[name] ?? .null)
        }
        values[field] = .object(merged)
    }

    /// Whether any customer, invoice or supplier invoice (header or row) uses the project or cost
    /// center `key` in `field` (`Project` or `CostCenter`).
    func isDimensionInUse(_ field: String, _ key: String) -> Bool {
        for resource in [FortnoxResource.customers, .invoices, .supplierinvoices] {
            let schema = FortnoxHandlers.handler(for: resource).definition.schema
            let position = schema.index(of: field)
            let rowsField = resource == .invoices ? "InvoiceRows" : "SupplierInvoiceRows"
            let rowsPosition = schema.position(of: rowsField)
            for stored in table(resource).records.values {
                if stored.record.value(at: position)?.stringValue == key { return true }
                if let rowsPosition, let rows = stored.record.value(at: rowsPosition)?.arrayValue,
                    rows.contains(where: { $0[field]?.stringValue == key })
                {
                    return true
                }
            }
        }
        return false
    }
}

extension FortnoxStore {
    /// Requires `code` (when non-empty) to look like an ISO 4217 currency code (three letters A–Z).
    static func checkCurrency(_ code: String) throws(FortnoxError) {
        let isCode = code.utf8.count == 3 && code.utf8.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
        guard !code.isEmpty, !isCode else { return }
        throw .badRequest(  // INVENTED code, see FortnoxErrorCode
            FortnoxErrorCode.invalidChoice, "Ogiltig valuta \(code)."
        )
    }
}
