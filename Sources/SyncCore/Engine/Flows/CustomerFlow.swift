/// Customers (R2): Severa customers ↔ Fortnox customers by customer number, both ways.
struct CustomerFlow: SyncFlow {
    typealias Record = Customer

    let pmEndpoint: any RecordEndpoint<Customer>
    let accountingEndpoint: any RecordEndpoint<Customer>
    let names: SystemNames
    let directions: Set<SyncDirection>
    let master: SystemSide

    let vocabulary = FlowVocabulary(
        recordName: "customer", keyName: "customer number", keyField: "number", matchingRule: "R2.1",
        matchDescription: "matched by customer number",
        transferRule: "R2.5")

    func endpoint(on side: SystemSide) -> any RecordEndpoint<Customer> {
        side == .projectManagement ? pmEndpoint : accountingEndpoint
    }

    func recordViolation(_ record: Customer, on side: SystemSide) -> RuleViolation? {
        guard record.number.isEmpty else { return nil }
        return .failed(
            rule: "R2.1", reason: "\(names.name(of: side)) customer \"\(record.name)\" has no customer number",
            hint: "give the customer a number in \(names.name(of: side)), then run `brygga retry`")
    }

    /// Private customers on the accounting side are never synchronised (R2.3).
    func exclusion(pm: Customer?, accounting: Customer?, processedSide: SystemSide, linked: Bool) -> RuleViolation? {
        guard let accounting, accounting.kind == .privatePerson else { return nil }
        if processedSide == .accounting || linked {
            return .skipped(
                rule: "R2.3",
                reason: "\(names.accounting) customer \(accounting.number) is a private person; only companies are "
                    + "transferred to \(names.pm)")
        }
        return .failed(
            rule: "R2.3",
            reason: "customer number \(accounting.number) is used by a private customer in \(names.accounting), so "
                + "\(names.pm) customer \"\(pm?.name ?? accounting.number)\" cannot be transferred",
            hint: "give the \(names.pm) customer another number, or make the \(names.accounting) customer a company "
                + "if it is the same one")
    }

    func writeViolation(_ record: Customer, to target: SystemSide, linkedDependencies: Set<String>) -> RuleViolation? {
        let label = "customer \(record.number) \"\(record.name)\""
        if let problem = VATNumberValidator.problem(with: record.vatNumber) {
            return .failed(
                rule: "R2.2", reason: "\(label): \(problem)",
                hint: "enter a valid VAT number (e.g. SE556677889901) on the customer, then run `brygga retry`")
        }
        if !record.addresses.values.contains(where: { !$0.isEmpty }) {
            return .failed(
                rule: "R2.2", reason: "\(label) has no address",
                hint: "add at least one address (billing, postal or visiting) to the customer, then run `brygga retry`")
        }
        return nil
    }
}
