import Foundation
import SyncCore
import Synchronization

/// A test clock that moves only when told to.
final class TestClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_767_225_600))

    /// The clock as the engine takes it.
    var syncClock: SyncClock { SyncClock { self.current.withLock { $0 } } }

    /// Moves the time forward.
    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Two fake systems, a fake store and an engine over them.
struct Harness {
    let pm: FakePMSide
    let accounting: FakeAccountingSide
    let store = InMemoryStateStore()
    let clock = TestClock()

    init(pageSize: Int = 50, overlap: Int64 = 0, units: [String] = ["st", "h", "kg"]) {
        pm = FakePMSide(pageSize: pageSize, overlap: overlap)
        accounting = FakeAccountingSide(pageSize: pageSize, overlap: overlap, units: units)
    }

    /// An engine with `configuration`.
    func engine(_ configuration: EngineConfiguration = EngineConfiguration()) -> SyncEngine {
        SyncEngine(pm: pm, accounting: accounting, store: store, configuration: configuration, clock: clock.syncClock)
    }

    /// Runs once with `configuration`, moving the clock a minute forward first.
    @discardableResult
    func run(_ configuration: EngineConfiguration = EngineConfiguration(), dryRun: Bool = false) async -> RunResult {
        clock.advance(by: 60)
        return await engine(configuration).run(dryRun: dryRun)
    }

    /// The transfer-log entries of `run`.
    func entries(of run: RunResult, _ action: TransferAction? = nil) -> [TransferLogEntry] {
        store.log.filter { $0.runID == run.runID && (action == nil || $0.action == action) }
    }

    /// The remote writes (creates and updates) on both sides of every entity so far.
    var remoteWrites: Int {
        let endpoints: [EndpointCalls] = [
            pm.customerEndpoint.calls, pm.productEndpoint.calls, pm.projectEndpoint.calls,
            accounting.customerEndpoint.calls, accounting.productEndpoint.calls, accounting.projectEndpoint.calls,
        ]
        return endpoints.reduce(0) { $0 + $1.creates + $1.updates }
    }
}

/// Only the flows given.
func flows(_ kinds: EntityKind...) -> EngineConfiguration {
    EngineConfiguration(enabledFlows: Set(kinds))
}

/// Sample records.
enum Sample {
    static func product(
        _ code: String, _ name: String, unit: String? = "h", price: Int64 = 95_000, kind: ProductKind = .product
    ) -> Product {
        Product(
            code: code, name: name, unit: unit, price: Money(minorUnits: price, currency: .sek),
            vatRate: Decimal(25), kind: kind)
    }

    static func customer(
        _ number: String, _ name: String = "Acme AB", vat: String? = "SE556677889901", kind: CustomerKind = .company,
        city: String = "Stockholm"
    ) -> Customer {
        Customer(
            number: number, name: name, vatNumber: vat, kind: kind,
            addresses: [.billing: Address(lines: ["Storgatan 1"], postalCode: "114 55", city: city, countryCode: "SE")],
            email: "billing@example.com", currency: "SEK")
    }

    static func project(_ number: String, _ name: String = "Website", customer: String? = "1001") -> Project {
        Project(number: number, name: name, customerNumber: customer, status: .ongoing, leader: "Anna")
    }

    static let unauthorized = ConnectorError(
        kind: .unauthorized, system: "Fortnox", operation: "POST /3/articles", message: "invalid_grant")
    static let unavailable = ConnectorError(
        kind: .unavailable, system: "Fortnox", operation: "GET /3/customers", message: "503 after 5 attempts")
    static let rejected = ConnectorError(
        kind: .rejected, system: "Fortnox", operation: "POST /3/articles", message: "Ogiltigt värde",
        remoteCode: "2000588")
    static let outcomeUnknown = ConnectorError(
        kind: .outcomeUnknown, system: "Fortnox", operation: "POST /3/customers", message: "timed out after sending")
    static let malformed = ConnectorError(
        kind: .malformedResponse, system: "Fortnox", operation: "GET /3/articles", message: "truncated body")
    /// A read answered by a maintenance page, not by the API.
    static func maintenancePage(_ operation: String = "GET /3/customers/1001") -> ConnectorError {
        ConnectorError(
            kind: .malformedResponse, system: "Fortnox", operation: operation,
            message: "the answer is not the Fortnox API's: an HTML page instead of JSON (HTTP 200, …)",
            isUnhealthyAnswer: true)
    }
    /// A write answered by a maintenance page: it may or may not have taken effect.
    static let maintenancePageToAWrite = ConnectorError(
        kind: .outcomeUnknown, system: "Fortnox", operation: "POST /3/customers",
        message: "the answer is not the Fortnox API's: JSON cut off after 40 bytes", isUnhealthyAnswer: true)
}
