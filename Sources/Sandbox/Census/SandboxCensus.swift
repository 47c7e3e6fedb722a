public import JSONSupport

/// What both emulators hold, counted by the keys the two systems share, and compared with the
/// records a soak fed: duplicates (a key held more often than before), records fed but missing on the
/// other side, deliberately invalid records held back, and invoices never moved on
/// (`brygga-bench soak`).
///
/// The census reads the emulators' exported states (``SandboxEnvironment/exportState()`` parts), so
/// it sees exactly what the APIs would list, whatever Brygga's state database says.
public struct SandboxCensus: Sendable, Equatable {
    /// What a key identifies; fees are counted by their source reference (R5.4).
    public enum Kind: String, Sendable, Hashable, CaseIterable, Comparable {
        case customer
        case product
        case project
        case invoice
        case fee

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
        }
    }

    /// How many records hold each key, per kind, in one system.
    public typealias Counts = [Kind: [String: Int]]

    /// Fortnox's records by key: customer numbers, article numbers, project numbers, live invoices
    /// (not cancelled, not a credit note, not credited) by `ExternalInvoiceReference1`.
    public let fortnox: Counts
    /// The `DocumentNumber`s of Fortnox's live invoices by `ExternalInvoiceReference1`.
    public let liveInvoiceNumbers: [String: [String]]
    /// Severa's records by key: customer numbers, product (and work and travel expense type) codes,
    /// project numbers, invoices by guid, project fees by the `brygga-source:` reference in their
    /// description.
    public let severa: Counts
    /// Severa invoice status names by invoice guid.
    public let severaInvoiceStatuses: [String: String]
    /// The fee source references each Fortnox supplier invoice should give (`GivenNumber` → references):
    /// its cost rows booked to a project, 1-based among all its rows.
    public let expectedFees: [String: [String]]

    /// Counts the records of `fortnoxState` (``FortnoxEmulator/exportState()``) and `severaState`
    /// (``SeveraEmulator/exportState()``).
    public init(fortnoxState: JSONValue, severaState: JSONValue) {
        let fortnoxTables = fortnoxState["tables"]
        func fortnoxRecords(_ table: String) -> [JSONValue] {
            (fortnoxTables?[table]?["records"]?.arrayValue ?? []).compactMap { $0["fields"] }
        }
        var fortnox: Counts = [:]
        fortnox[.customer] = Self.count(fortnoxRecords("customers").map { Self.text($0["CustomerNumber"]) })
        fortnox[.product] = Self.count(fortnoxRecords("articles").map { Self.text($0["ArticleNumber"]) })
        fortnox[.project] = Self.count(fortnoxRecords("projects").map { Self.text($0["ProjectNumber"]) })
        let liveInvoices = fortnoxRecords("invoices").filter(Self.isLive)
        fortnox[.invoice] = Self.count(liveInvoices.map { Self.text($0["ExternalInvoiceReference1"]) })
        self.fortnox = fortnox
        var liveInvoiceNumbers: [String: [String]] = [:]
        for invoice in liveInvoices {
            guard let reference = Self.text(invoice["ExternalInvoiceReference1"]), !reference.isEmpty,
                let number = Self.text(invoice["DocumentNumber"])
            else { continue }
            liveInvoiceNumbers[reference, default: []].append(number)
        }
        self.liveInvoiceNumbers = liveInvoiceNumbers

        var expectedFees: [String: [String]] = [:]
        for invoice in fortnoxRecords("supplierinvoices") {
            guard let givenNumber = Self.text(invoice["GivenNumber"]) else { continue }
            let invoiceProject = Self.text(invoice["Project"])
            let rows = invoice["SupplierInvoiceRows"]?.arrayValue ?? []
            expectedFees[givenNumber] = rows.enumerated().compactMap { position, row in
                let code = Self.text(row["Code"])?.uppercased() ?? ""
                let amount = Self.decimal(row["Debit"]) - Self.decimal(row["Credit"])
                guard !Self.nonCostCodes.contains(code), amount != 0,
                    Self.text(row["Project"]) ?? invoiceProject != nil
                else { return nil }
                return "fortnox:supplierinvoice/\(givenNumber)/row/\(position + 1)"
            }
        }
        self.expectedFees = expectedFees

        let severaTables = severaState["organisation"]?["tables"]
        func severaRecords(_ table: String) -> [JSONValue] {
            severaTables?[table]?.arrayValue ?? []
        }
        var severa: Counts = [:]
        severa[.customer] = Self.count(severaRecords("customers").map { Self.text($0["fields"]?["number"]) })
        let productTables = ["products", "workTypes", "travelExpenseTypes"]
        severa[.product] = Self.count(
            productTables.flatMap(severaRecords).map { Self.text($0["fields"]?["code"]) })
        severa[.project] = Self.count(severaRecords("projects").map { Self.text($0["fields"]?["number"]) })
        severa[.invoice] = Self.count(severaRecords("invoices").map { Self.text($0["guid"]) })
        severa[.fee] = Self.count(
            severaRecords("projectFees").map { Self.sourceReference(Self.text($0["fields"]?["description"])) })
        self.severa = severa

        var statusNames: [String: String] = [:]
        for status in severaRecords("invoiceStatuses") {
            if let guid = Self.text(status["guid"]) { statusNames[guid] = Self.text(status["fields"]?["name"]) }
        }
        var statuses: [String: String] = [:]
        for invoice in severaRecords("invoices") {
            let status = invoice["fields"]?["status"]
            guard let guid = Self.text(invoice["guid"]), let statusGuid = Self.text(status?["guid"] ?? status)
            else { continue }
            statuses[guid] = statusNames[statusGuid] ?? statusGuid
        }
        severaInvoiceStatuses = statuses
    }

    /// Accounts-payable, VAT and rounding rows: not costs, so no fees (as the Fortnox connector reads them).
    static let nonCostCodes: Set<String> = ["TOT", "VAT", "ROV", "CND", "CNC", "PRD", "PRC", "SRD", "SRC"]

    /// The `brygga-source: <reference>` line of a fee description.
    static func sourceReference(_ description: String?) -> String? {
        guard let description else { return nil }
        for line in description.split(whereSeparator: \.isNewline) where line.hasPrefix("brygga-source: ") {
            return String(line.dropFirst("brygga-source: ".count))
        }
        return nil
    }

    /// Whether a Fortnox invoice is live: not cancelled, not a credit note, not credited (as the
    /// Fortnox connector decides, R4.4). A cancelled invoice and its new generation are not duplicates.
    static func isLive(_ invoice: JSONValue) -> Bool {
        let creditedBy = text(invoice["CreditInvoiceReference"]) ?? ""
        return !flag(invoice["Cancelled"]) && !flag(invoice["Credit"]) && (creditedBy.isEmpty || creditedBy == "0")
    }

    /// A Fortnox boolean, which some fields write as a string (`"true"`).
    private static func flag(_ value: JSONValue?) -> Bool {
        if case .bool(let flag) = value { return flag }
        return text(value)?.lowercased() == "true"
    }

    private static func count(_ keys: [String?]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for case let key? in keys where !key.isEmpty { counts[key, default: 0] += 1 }
        return counts
    }

    /// A string, or a number written as text (`10013`).
    static func text(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        if let text = value.stringValue { return text }
        if case .number(let number) = value { return number.literal }
        return nil
    }

    private static func decimal(_ value: JSONValue?) -> Double {
        guard let text = text(value) else { return 0 }
        return Double(text) ?? 0
    }
}
