/// Projects (R3): Severa projects → Fortnox projects only; Severa is always master (R3.1).
struct ProjectFlow: SyncFlow {
    typealias Record = Project

    let pmEndpoint: any RecordEndpoint<Project>
    let accountingEndpoint: any RecordEndpoint<Project>
    let names: SystemNames

    let directions: Set<SyncDirection> = [.pmToAccounting]
    let master = SystemSide.projectManagement
    let dependency: EntityKind? = .customer
    let vocabulary = FlowVocabulary(
        recordName: "project", keyName: "project number", keyField: "number", matchingRule: "R3.1",
        matchDescription: "matched by project number",
        transferRule: "R3.1")

    func endpoint(on side: SystemSide) -> any RecordEndpoint<Project> {
        side == .projectManagement ? pmEndpoint : accountingEndpoint
    }

    func recordViolation(_ record: Project, on side: SystemSide) -> RuleViolation? {
        guard record.number.isEmpty else { return nil }
        return .failed(
            rule: "R3.1", reason: "\(names.name(of: side)) project \"\(record.name)\" has no project number",
            hint: "give the project a number in \(names.name(of: side)), then run `brygga retry`")
    }

    func dependencyKey(of record: Project) -> String? {
        guard let number = record.customerNumber, !number.isEmpty else { return nil }
        return number
    }

    /// A project goes to the accounting side only once its customer is linked (R3.3).
    func writeViolation(_ record: Project, to target: SystemSide, linkedDependencies: Set<String>) -> RuleViolation? {
        guard let customer = dependencyKey(of: record), !linkedDependencies.contains(customer) else { return nil }
        return .failed(
            rule: "R3.3",
            reason: "project \(record.number) \"\(record.name)\" belongs to customer \(customer), which is not "
                + "transferred to \(names.accounting) yet",
            hint: "the customer goes first; see why customer \(customer) failed (`brygga log --record \(customer)`) "
                + "and fix it; the project is retried every run")
    }
}
