public import JSONSupport

/// The guids of the Severa reference records sample data points at (countries, currencies, users,
/// invoice statuses, …), read from a fresh emulator's exported state.
public struct SeveraReferenceIDs: Sendable {
    /// Country guid by ISO code (`SE`).
    public let countries: [String: String]
    /// Currency guid by code (`SEK`).
    public let currencies: [String: String]
    /// Language guid by code (`sv`).
    public let languages: [String: String]
    /// The user who owns the sample projects (Anna Andersson).
    public let projectOwner: String
    /// Invoice status guid by name (`Draft`, `Ready for transfer`, `Transferred`, `Paid`, `Error`).
    public let invoiceStatuses: [String: String]
    /// Cost center guid by identifier (`100`, `200`, and the sample data's `400`, `500`).
    public let costCenters: [String: String]
    /// Sales account guid by number (`3001`, `3041`, `3540`).
    public let salesAccounts: [String: String]
    /// Business unit guid by code (`BSAB`, `STHLM`, and the sample data's `GBG`, `MMO`, `UME`).
    public let businessUnits: [String: String]
    /// Project status type guid by name (`In progress`, `On hold`, `Completed`).
    public let projectStatusTypes: [String: String]

    /// Reads the guids from `state` (``SeveraEmulator/exportState()``).
    ///
    /// - Throws: ``SampleDataError`` naming the reference record that is missing.
    public init(state: JSONValue) throws(SampleDataError) {
        func index(_ table: String, by field: String) -> [String: String] {
            var result: [String: String] = [:]
            for record in state["organisation"]?["tables"]?[table]?.arrayValue ?? [] {
                if let guid = record["guid"]?.stringValue, let key = record["fields"]?[field]?.stringValue {
                    result[key] = guid
                }
            }
            return result
        }
        countries = index("countries", by: "code2")
        currencies = index("currencies", by: "code")
        languages = index("languages", by: "code")
        invoiceStatuses = index("invoiceStatuses", by: "name")
        costCenters = index("costCenters", by: "identifier")
        salesAccounts = index("salesAccounts", by: "number")
        businessUnits = index("businessUnits", by: "code")
        projectStatusTypes = index("projectStatusTypes", by: "name")
        guard let owner = index("users", by: "code")["AA"] else {
            throw SampleDataError(record: "Severa reference data", reason: "the user with code AA is missing")
        }
        projectOwner = owner
        let required: [(String, [String: String], [String])] = [
            ("countries", countries, NordicCountry.allCases.map(\.code)),
            ("currencies", currencies, NordicCountry.allCases.map(\.currency)),
            ("languages", languages, NordicCountry.allCases.map(\.languageCode)),
            ("invoice statuses", invoiceStatuses, SampleInvoice.statusNames),
            ("cost centers", costCenters, ["100", "200"]),
            ("sales accounts", salesAccounts, ["3001", "3041", "3540"]),
            ("business units", businessUnits, ["BSAB", "STHLM"]),
            ("project status types", projectStatusTypes, ["In progress", "Completed"]),
        ]
        for (name, table, keys) in required {
            if let missing = keys.first(where: { table[$0] == nil }) {
                throw SampleDataError(record: "Severa reference data", reason: "\(name): \(missing) is missing")
            }
        }
    }

    /// `{"guid": guid}`, the input form of a reference.
    static func reference(_ guid: String?) -> JSONValue {
        guard let guid else { return .null }
        return ["guid": .string(guid)]
    }
}
