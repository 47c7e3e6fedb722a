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

    /// Creates a configuration; the defaults are Severa (the PM side) as master and all supported flows.
    public init(
        productMaster: SystemSide = .projectManagement, customerMaster: SystemSide = .projectManagement,
        enabledFlows: Set<EntityKind> = EngineConfiguration.supportedFlows, writeConcurrency: Int = 4,
        batchSize: Int = 200, resultEntryLimit: Int = 1_000
    ) {
        self.productMaster = productMaster
        self.customerMaster = customerMaster
        self.enabledFlows = enabledFlows
        self.writeConcurrency = max(1, writeConcurrency)
        self.batchSize = max(1, batchSize)
        self.resultEntryLimit = max(0, resultEntryLimit)
    }

    /// The flows this engine implements, in the order a run executes them.
    public static let supportedFlows: Set<EntityKind> = [.unit, .product, .customer, .project]

    /// The side that decides updates of `entity`: projects always the PM side (R3.1).
    public func master(for entity: EntityKind) -> SystemSide {
        switch entity {
        case .product: productMaster
        case .customer: customerMaster
        default: .projectManagement
        }
    }
}
