/// The settings of a ``SyncEngine``: master sides, enabled flows and how hard to drive the two APIs.
public struct EngineConfiguration: Sendable, Hashable {
    /// The side whose value wins when the same product field changed on both sides (R1.5).
    public var productMaster: SystemSide
    /// The side whose value wins when the same customer field changed on both sides (R2.5).
    public var customerMaster: SystemSide
    /// The flows a run executes; see ``supportedFlows``. `unit` is accepted and needs no work of its own:
    /// the product flow reads the accounting side's units for R1.3.
    public var enabledFlows: Set<EntityKind>
    /// How many remote reads or writes one batch runs at the same time (at least 1).
    public var writeConcurrency: Int
    /// How many listed records are paired, written and committed together (at least 1).
    public var batchSize: Int
    /// How many transfer-log entries a ``RunResult`` keeps; the store keeps all of them.
    public var resultEntryLimit: Int
    /// The invoice and paid-state flows' settings (R4, R6); required when either flow is enabled.
    public var invoices: InvoiceFlowSettings?

    /// Creates a configuration; the defaults are Severa (the PM side) as master and the master-data flows.
    public init(
        productMaster: SystemSide = .projectManagement, customerMaster: SystemSide = .projectManagement,
        enabledFlows: Set<EntityKind> = EngineConfiguration.masterDataFlows, writeConcurrency: Int = 4,
        batchSize: Int = 200, resultEntryLimit: Int = 1_000, invoices: InvoiceFlowSettings? = nil
    ) {
        self.productMaster = productMaster
        self.customerMaster = customerMaster
        self.enabledFlows = enabledFlows
        self.writeConcurrency = max(1, writeConcurrency)
        self.batchSize = max(1, batchSize)
        self.resultEntryLimit = max(0, resultEntryLimit)
        self.invoices = invoices
    }

    /// The flows this engine implements: every ``EntityKind``.
    public static let supportedFlows = Set(EntityKind.flowOrder)

    /// The master-data flows (R1–R3), on unless configured off; the money flows (R4–R6) are opt-in.
    public static let masterDataFlows: Set<EntityKind> = [.unit, .product, .customer, .project]

    /// The side that decides updates of `entity`: projects always the PM side (R3.1).
    public func master(for entity: EntityKind) -> SystemSide {
        switch entity {
        case .product: productMaster
        case .customer: customerMaster
        default: .projectManagement
        }
    }
}
