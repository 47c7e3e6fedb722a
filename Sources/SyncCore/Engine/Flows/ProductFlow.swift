/// Products (R1): Severa work types, travel expense types and products ↔ Fortnox articles, both ways.
struct ProductFlow: SyncFlow {
    typealias Record = Product

    let pmEndpoint: any RecordEndpoint<Product>
    let accountingEndpoint: any RecordEndpoint<Product>
    let names: SystemNames
    let directions: Set<SyncDirection>
    let master: SystemSide
    /// The unit codes the accounting side knows (R1.3).
    let accountingUnits: Set<String>

    let vocabulary = FlowVocabulary(
        recordName: "product", keyName: "code", keyField: "code", matchingRule: "R1.1",
        matchDescription: "matched by code and name", transferRule: "R1.5")

    func endpoint(on side: SystemSide) -> any RecordEndpoint<Product> {
        side == .projectManagement ? pmEndpoint : accountingEndpoint
    }

    /// Names are compared without leading and trailing white space, otherwise exactly (R1.1).
    func secondaryKey(of record: Product) -> String? { ProductFlow.matchName(record.name) }

    /// The form of a product name that R1.1 compares.
    static func matchName(_ name: String) -> String {
        guard let first = name.first, let last = name.last, first.isWhitespace || last.isWhitespace else { return name }
        return String(name.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    func recordViolation(_ record: Product, on side: SystemSide) -> RuleViolation? {
        guard let problem = ProductFlow.codeProblem(record.code) else { return nil }
        return .failed(
            rule: "R1.2",
            reason: "\(names.name(of: side)) product \"\(record.name)\" has \(problem); codes must be numeric",
            hint: "give the product a numeric code (digits only) in \(names.name(of: side)), then run `brygga retry`")
    }

    /// What is wrong with a product code (R1.2), or `nil` when it is non-empty and numeric.
    static func codeProblem(_ code: String) -> String? {
        if code.isEmpty { return "no code" }
        if !code.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) {
            return "the non-numeric code \"\(code)\""
        }
        return nil
    }

    func pairingViolation(pm: RemoteRecord<Product>, accounting: RemoteRecord<Product>) -> RuleViolation? {
        guard ProductFlow.matchName(pm.record.name) != ProductFlow.matchName(accounting.record.name) else { return nil }
        return .failed(
            rule: "R1.1",
            reason: "code \(pm.record.code) matches but the names differ: \"\(pm.record.name)\" in \(names.pm), "
                + "\"\(accounting.record.name)\" in \(names.accounting); not merged",
            hint: "make the names equal in both systems if they are the same product, or give one of them another "
                + "code; `brygga check` lists all such pairs (R1.4)")
    }

    func secondaryKeyViolation(_ record: Product, on side: SystemSide, otherKey: String) -> RuleViolation {
        let other = side.opposite
        return .failed(
            rule: "R1.1",
            reason:
                "name \"\(record.name)\" matches \(names.name(of: other)) product \(otherKey) but the codes differ: "
                + "\(record.code) in \(names.name(of: side)), \(otherKey) in \(names.name(of: other)); not merged",
            hint: "give both the same code if they are the same product, or rename one of them; `brygga check` lists "
                + "all such pairs (R1.4)")
    }

    func writeViolation(_ record: Product, to target: SystemSide, linkedDependencies: Set<String>) -> RuleViolation? {
        guard target == .accounting, let unit = record.unit, !unit.isEmpty, !accountingUnits.contains(unit) else {
            return nil
        }
        let similar = accountingUnits.first { $0.lowercased() == unit.lowercased() }
        let note = similar.map { " (\(names.accounting) has \"\($0)\"; unit codes are case-sensitive)" } ?? ""
        return .failed(
            rule: "R1.3",
            reason: "product \(record.code) \"\(record.name)\" uses unit \"\(unit)\", which does not exist in "
                + "\(names.accounting)\(note)",
            hint: "create unit '\(unit)' in \(names.accounting) (Settings → Units) or change the product's unit")
    }
}
