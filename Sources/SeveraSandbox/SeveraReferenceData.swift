import Foundation
import JSONSupport
import SandboxKit

/// The registers a new emulated organisation starts with: a Swedish company with SEK, Nordic and common
/// EU countries, VAT rates, project and invoice statuses, business units, cost centers, sales
/// accounts and two users. Ids are derived from names, so they are the same in every run.
enum SeveraReferenceData {
    /// A store holding the reference data, stamped `now`.
    static func store(now: Int64) -> SeveraStore {
        var store = SeveraStore()
        store.apiUser = stableGUID("user:api")
        store.organisationCurrency = stableGUID("currency:SEK")
        store.organisationCountry = stableGUID("country:SE")
        store.rootBusinessUnit = stableGUID("businessunit:root")
        for (code, name, english, invoice) in languages {
            add(
                &store, .languages, "language:\(code)", now,
                [
                    "code": .string(code), "name": .string(name), "englishName": .string(english),
                    "isInvoiceLanguage": .bool(invoice),
                ])
        }
        for (code, name, symbol, rate) in currencies {
            add(
                &store, .currencies, "currency:\(code)", now,
                [
                    "code": .string(code), "name": .string(name), "symbol": .string(symbol),
                    "rate": .number(JSONNumber(literal: rate) ?? JSONNumber(1)),
                    "isOrganizationCurrency": .bool(code == "SEK"),
                ])
        }
        for (code2, code3, name, currency, language, inEU) in countries {
            var model: [String: JSONValue] = [
                "code2": .string(code2), "code3": .string(code3), "name": .string(name), "englishName": .string(name),
                "isInEU": .bool(inEU), "isRegistrationCountry": .bool(code2 == "SE"),
                "defaultLanguage": ["guid": .string(SeveraGUID.string(stableGUID("language:\(language)")))],
            ]
            if currencies.contains(where: { $0.0 == currency }) {
                model["currency"] = ["guid": .string(SeveraGUID.string(stableGUID("currency:\(currency)")))]
            }
            add(&store, .countries, "country:\(code2)", now, model)
        }
        seedOrganisation(&store, now)
        return store
    }

    private static func seedOrganisation(_ store: inout SeveraStore, _ now: Int64) {
        for (percentage, isDefault) in [("25", true), ("12", false), ("6", false), ("0", false)] {
            add(
                &store, .vatRates, "vatrate:SE:\(percentage)", now,
                [
                    "percentage": .number(JSONNumber(literal: percentage) ?? JSONNumber(0)),
                    "code": .string(percentage),
                    "isDefault": .bool(isDefault), "countryGuid": .string(SeveraGUID.string(store.organisationCountry)),
                ])
        }
        // INVENTED: account numbers and names of the sandbox organisation.
        for (number, name, flag) in [
            ("3001", "Sales of goods 25% VAT", "isProductDefault"),
            ("3041", "Sales of services 25% VAT", "isWorkTypeDefault"),
            ("3540", "Invoiced travel expenses", "isTravelTypeDefault"),
        ] {
            add(
                &store, .salesAccounts, "salesaccount:\(number)", now,
                [
                    "number": .string(number), "name": .string(name), flag: true,
                ])
        }
        for (identifier, name) in [("100", "Consulting"), ("200", "Development")] {
            add(
                &store, .costCenters, "costcenter:\(identifier)", now,
                [
                    "identifier": .string(identifier), "name": .string(name),
                ])
        }
        add(
            &store, .businessUnits, "businessunit:root", now,
            [
                "name": "Brygga Sandbox AB", "code": "BSAB", "vatNumber": "SE556677889901",
            ])
        add(&store, .businessUnits, "businessunit:stockholm", now, ["name": "Stockholm", "code": "STHLM"])
        add(
            &store, .users, "user:api", now,
            [
                "firstName": "API", "lastName": "Integration", "code": "API", "email": "api@sandbox.invalid",
            ])
        add(
            &store, .users, "user:anna", now,
            [
                "firstName": "Anna", "lastName": "Andersson", "code": "AA", "email": "anna.andersson@sandbox.invalid",
                "title": "Project manager",
            ])
        for (order, name) in ["In progress", "On hold", "Completed"].enumerated() {
            add(
                &store, .projectStatusTypes, "projectstatustype:\(name)", now,
                [
                    "name": .string(name), "sortOrder": .number(JSONNumber(order + 1)),
                ])
        }
        for (order, status) in invoiceStatuses.enumerated() {
            var model: [String: JSONValue] = [
                "name": .string(status.name), "sortOrder": .number(JSONNumber(order + 1)),
            ]
            for flag in status.flags { model[flag] = true }
            add(&store, .invoiceStatuses, "invoicestatus:\(status.name)", now, model)
        }
    }

    /// Adds a reference record through the same validation as the API.
    private static func add(
        _ store: inout SeveraStore, _ kind: SeveraKind, _ key: String, _ now: Int64, _ model: [String: JSONValue]
    ) {
        do throws(SeveraAPIError) {
            let draft = try store.draftForCreate(
                kind, body: .object(model), mode: .seed, now: now, guid: stableGUID(key))
            store.commit(draft)
        } catch {
            preconditionFailure("reference data \(key) is invalid: \(error.message)")
        }
    }

    /// A GUID derived from `key`, the same in every run.
    static func stableGUID(_ key: String) -> UUID {
        var generator = SeededGenerator(seed: 0x5E7E_7A00, salts: [key])
        var bytes = withUnsafeBytes(of: (generator.next(), generator.next())) { Array($0) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }

    private static let languages: [(String, String, String, Bool)] = [
        ("sv", "Svenska", "Swedish", true), ("en", "English", "English", true), ("fi", "Suomi", "Finnish", true),
        ("nb", "Norsk", "Norwegian", true), ("da", "Dansk", "Danish", true), ("de", "Deutsch", "German", false),
        ("nl", "Nederlands", "Dutch", false),
    ]

    /// INVENTED: exchange rates against SEK.
    private static let currencies: [(String, String, String, String)] = [
        ("SEK", "Swedish krona", "kr", "1"), ("NOK", "Norwegian krone", "kr", "0.98"),
        ("EUR", "Euro", "€", "11.45"), ("DKK", "Danish krone", "kr", "1.53"), ("USD", "US dollar", "$", "10.55"),
    ]

    private static let countries: [(String, String, String, String, String, Bool)] = [
        ("SE", "SWE", "Sweden", "SEK", "sv", true), ("NO", "NOR", "Norway", "NOK", "nb", false),
        ("DK", "DNK", "Denmark", "DKK", "da", true), ("FI", "FIN", "Finland", "EUR", "fi", true),
        ("IS", "ISL", "Iceland", "ISK", "en", false), ("DE", "DEU", "Germany", "EUR", "de", true),
        ("NL", "NLD", "Netherlands", "EUR", "nl", true), ("BE", "BEL", "Belgium", "EUR", "nl", true),
        ("FR", "FRA", "France", "EUR", "en", true), ("ES", "ESP", "Spain", "EUR", "en", true),
        ("IT", "ITA", "Italy", "EUR", "en", true), ("AT", "AUT", "Austria", "EUR", "de", true),
        ("IE", "IRL", "Ireland", "EUR", "en", true), ("PL", "POL", "Poland", "PLN", "en", true),
        ("EE", "EST", "Estonia", "EUR", "en", true), ("LV", "LVA", "Latvia", "EUR", "en", true),
        ("LT", "LTU", "Lithuania", "EUR", "en", true), ("GB", "GBR", "United Kingdom", "GBP", "en", false),
        ("US", "USA", "United States", "USD", "en", false),
    ]

    /// The seeded invoice statuses: Draft is the default; Transferred and Paid are read-only and numbered.
    private static let invoiceStatuses: [(name: String, flags: [String])] = [
        ("Draft", ["isDefault"]), ("Ready for transfer", []),
        ("Transferred", ["isReadOnly", "hasInvoiceNumber", "isSent", "isWaitingPayment"]),
        ("Paid", ["isReadOnly", "hasInvoiceNumber", "isSent", "isPaid"]), ("Error", []),
    ]
}
