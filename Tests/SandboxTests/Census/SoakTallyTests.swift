import FortnoxSandbox
import JSONSupport
import Sandbox
import SeveraSandbox
import Testing

/// The soak's count (`brygga-bench soak`): duplicates, losses, records held back on purpose and
/// invoices never moved on, from what the emulators hold, and the feed it counts.
@Suite struct SoakTallyTests {
    /// A Fortnox export with the customers, invoices (by `ExternalInvoiceReference1`) and supplier
    /// invoices given.
    static func fortnox(customers: [String], invoices: [String], supplierInvoices: [JSONValue] = []) -> JSONValue {
        [
            "tables": [
                "customers": ["records": .array(customers.map { ["fields": ["CustomerNumber": .string($0)]] })],
                "invoices": [
                    "records": .array(invoices.map { ["fields": ["ExternalInvoiceReference1": .string($0)]] })
                ],
                "supplierinvoices": ["records": .array(supplierInvoices.map { ["fields": $0] })],
            ]
        ]
    }

    /// A Severa export with the customers (by number), invoices (guid → status name) and fee
    /// descriptions given.
    static func severa(customers: [Int], invoices: [String: String], fees: [String]) -> JSONValue {
        let statusNames = Set(invoices.values).sorted()
        return [
            "organisation": [
                "tables": [
                    "customers": .array(
                        customers.map { ["guid": "c", "fields": ["number": .number(JSONNumber($0))]] }),
                    "invoiceStatuses": .array(
                        statusNames.map { ["guid": .string("status-\($0)"), "fields": ["name": .string($0)]] }),
                    "invoices": .array(
                        invoices.sorted { $0.key < $1.key }.map {
                            ["guid": .string($0.key), "fields": ["status": ["guid": .string("status-\($0.value)")]]]
                        }),
                    "projectFees": .array(fees.map { ["guid": "f", "fields": ["description": .string($0)]] }),
                ]
            ]
        ]
    }

    /// Supplier invoice 7: a cost row on a project, its VAT and accounts-payable rows, and a cost row
    /// without a project.
    static let supplierInvoice: JSONValue = [
        "GivenNumber": 7,
        "SupplierInvoiceRows": [
            ["Account": 4010, "Debit": "100.00", "Credit": 0, "Project": "2025001"],
            ["Code": "VAT", "Debit": "25.00", "Credit": 0],
            ["Code": "TOT", "Debit": 0, "Credit": "125.00"],
            ["Account": 4010, "Debit": "40.00", "Credit": 0],
        ],
    ]

    @Test("O3: a key held more often than before the soak is a duplicate; a fed record not across is a loss")
    func duplicatesAndLossesAreCountedAgainstTheBaseline() {
        let before = SandboxCensus(
            fortnoxState: Self.fortnox(customers: ["9001"], invoices: ["old", "old"]),
            severaState: Self.severa(customers: [9001], invoices: [:], fees: []))
        let after = SandboxCensus(
            fortnoxState: Self.fortnox(
                customers: ["9001", "10013", "10014"], invoices: ["old", "old", "inv-1", "inv-1"],
                supplierInvoices: [Self.supplierInvoice]),
            severaState: Self.severa(
                customers: [9001, 10013, 20001, 20001],
                invoices: ["inv-1": "Transferred", "inv-2": "Ready for transfer"],
                fees: ["Frakt\nbrygga-source: fortnox:supplierinvoice/7/row/1", "brygga-source: other"]))
        let fed = [
            FedRecord(kind: .customer, key: "10013", side: .severa),
            FedRecord(kind: .customer, key: "10014", side: .fortnox),
            FedRecord(kind: .customer, key: "10015", side: .severa),
            FedRecord(kind: .customer, key: "10016", side: .severa, isInvalid: true),
            FedRecord(kind: .invoice, key: "inv-1", side: .severa),
            FedRecord(kind: .invoice, key: "inv-2", side: .severa),
            FedRecord(kind: .supplierInvoice, key: "7", side: .fortnox),
        ]

        let tally = SoakTally(fed: fed, before: before, after: after, triggerStatus: "Ready for transfer")

        let customers = tally.lines.first { $0.kind == .customer }
        #expect(customers?.fed == 4)
        #expect(customers?.arrived == 1, "10013 reached Fortnox")
        #expect(customers?.missing == ["10014 (Fortnox)", "10015 (Severa)"])
        #expect(customers?.heldBack == ["10016 (Severa)"])
        #expect(customers?.duplicates == ["Severa 20001 ×2"])
        let invoices = tally.lines.first { $0.kind == .invoice }
        #expect(invoices?.missing == ["inv-2 (Severa)"])
        #expect(invoices?.notMoved == ["inv-2 (Ready for transfer)"])
        #expect(invoices?.duplicates == ["Fortnox inv-1 ×2"], "\"old\" was held twice before the soak")
        let fees = tally.lines.first { $0.kind == .fee }
        #expect(fees?.fed == 1, "one cost row on a project; VAT, TOT and the row without a project give none")
        #expect(fees?.arrived == 1)
        #expect(tally.duplicateCount == 2)
        #expect(tally.lossCount == 4)
    }

    @Test("O3: a fed record that got across although it is invalid counts as a loss, not as held back")
    func anInvalidRecordTransferredIsAFailure() {
        let empty = SandboxCensus(
            fortnoxState: Self.fortnox(customers: [], invoices: []),
            severaState: Self.severa(customers: [], invoices: [:], fees: []))
        let after = SandboxCensus(
            fortnoxState: Self.fortnox(customers: ["10016"], invoices: []),
            severaState: Self.severa(customers: [10016], invoices: [:], fees: []))
        let tally = SoakTally(
            fed: [FedRecord(kind: .customer, key: "10016", side: .severa, isInvalid: true)], before: empty,
            after: after, triggerStatus: "Ready for transfer")
        #expect(tally.lossCount == 1)
        #expect(tally.lines.first?.heldBack == [])
    }

    @Test("The feed adds new records on both sides that the census finds, numbered after the sample data")
    func fedRecordsAreNewAndCountedOnTheirOwnSide() throws {
        let (environment, _) = try SampleSandbox.make(seed: 5, size: .small)
        let before = SandboxCensus(
            fortnoxState: environment.fortnox.exportState(), severaState: environment.severa.exportState())
        let feed = try SampleFeed(continuing: SampleDataGenerator(seed: 5, size: .small), severa: environment.severa)
        var fed: [FedRecord] = []
        for batch in 0..<5 {
            fed += try feed.feed(batch: batch, fortnox: environment.fortnox, severa: environment.severa)
        }
        let after = SandboxCensus(
            fortnoxState: environment.fortnox.exportState(), severaState: environment.severa.exportState())

        #expect(fed.filter(\.isInvalid).count == 1, "every fifth batch feeds an invalid customer")
        for record in fed where record.kind != .supplierInvoice {
            let kind = try #require(SandboxCensus.Kind(rawValue: record.kind.rawValue))
            let own = record.side == .fortnox ? after.fortnox : after.severa
            let ownBefore = record.side == .fortnox ? before.fortnox : before.severa
            #expect(own[kind]?[record.key] == 1, "\(record) is on its side once")
            #expect(ownBefore[kind]?[record.key] == nil, "\(record) is new")
        }
        let tally = SoakTally(fed: fed, before: before, after: after, triggerStatus: "Ready for transfer")
        #expect(tally.duplicateCount == 0)
        let fees = try #require(tally.lines.first { $0.kind == .fee })
        #expect(fees.fed >= 5, "each fed supplier invoice has at least one row booked to a project")
        // Nothing was transferred: every valid record and every fee is missing, every invoice not moved on.
        let validRecords = fed.filter { !$0.isInvalid && $0.kind != .supplierInvoice }.count
        let invoices = fed.filter { $0.kind == .invoice }.count
        #expect(tally.lossCount == validRecords + fees.fed + invoices)
    }

    @Test("R4.4: an invoice voided in Fortnox before its move is held back in the trigger status, or sent again")
    func anInvoiceVoidedBeforeItsMoveIsHeldBackNotLost() {
        let empty = SandboxCensus(
            fortnoxState: Self.fortnox(customers: [], invoices: []),
            severaState: Self.severa(customers: [], invoices: [:], fees: []))
        let after = SandboxCensus(
            fortnoxState: Self.fortnox(customers: [], invoices: ["sent-again"]),
            severaState: Self.severa(
                customers: [],
                invoices: ["held": "Ready for transfer", "sent-again": "Transferred", "moved-on": "Transferred"],
                fees: []))
        let fed = ["held", "sent-again", "moved-on"].map { FedRecord(kind: .invoice, key: $0, side: .severa) }

        let tally = SoakTally(
            fed: fed, before: empty, after: after, triggerStatus: "Ready for transfer",
            voided: ["held", "sent-again", "moved-on"])

        let invoices = tally.lines.first { $0.kind == .invoice }
        #expect(invoices?.heldBack == ["held (voided before its move)"])
        #expect(invoices?.arrived == 1, "sent again as a new live invoice and moved")
        #expect(invoices?.missing == ["moved-on (moved on although its Fortnox invoice was voided)"])
        #expect(tally.lossCount == 1)
    }
}
