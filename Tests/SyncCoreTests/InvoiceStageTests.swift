import Foundation
import Testing

@testable import SyncCore

/// The invoice flow's decisions, each a value with no I/O (R4.1, R4.2, R4.5, R4.6).
@Suite("Invoice stages")
struct InvoiceStageTests {
    static func money(_ text: String, _ currency: CurrencyCode = .sek) -> Money {
        (try? Money(decimalText: text, currency: currency)) ?? Money(minorUnits: 0, currency: currency)
    }

    static func invoice(rows: [InvoiceRow] = [row()], businessUnit: String? = nil) -> Invoice {
        Invoice(
            externalReference: "guid-1", number: "10023", customerNumber: "1001", projectNumber: "2001",
            invoiceDate: LocalDate("2026-01-15"), dueDate: LocalDate("2026-02-14"), currency: "SEK",
            ourReference: "Anna", yourReference: "Bo", orderNumber: "PO-1", rows: rows, businessUnitID: businessUnit,
            notes: "Leverans vecka 3")
    }

    static func row(_ code: String? = "100", quantity: Decimal = 2, price: String = "950", costCenter: String? = nil)
        -> InvoiceRow
    {
        InvoiceRow(
            productCode: code, description: "Arbete", quantity: quantity, unit: "st", unitPrice: money(price),
            vatRate: 25, costCenter: costCenter, salesAccount: "3001")
    }

    @Test(
        "R4.1: a status is found by guid or by name ignoring case and spaces; unknown, inactive and shared names are refused"
    )
    func statusResolution() {
        let resolver = InvoiceStatusResolver(statuses: [
            InvoiceStatus(id: "G-1", name: "Klar för överföring"), InvoiceStatus(id: "G-2", name: "Överförd"),
            InvoiceStatus(id: "G-3", name: "Gammal", isActive: false), InvoiceStatus(id: "G-4", name: "Dubbel"),
            InvoiceStatus(id: "G-5", name: "dubbel"),
        ])
        #expect((try? resolver.resolve("  klar FÖR överföring ", key: "k").get())?.id == "G-1")
        #expect((try? resolver.resolve("g-2", key: "k").get())?.name == "Överförd")
        guard case .failure(let unknown) = resolver.resolve("Betald", key: "invoices.paidStatus") else {
            Issue.record("an unknown status resolved")
            return
        }
        #expect(unknown.description.hasPrefix("invoices.paidStatus: Severa has no invoice status \"Betald\""))
        #expect(unknown.description.contains("\"Gammal\" (inactive)"))
        guard case .failure(let inactive) = resolver.resolve("Gammal", key: "k"),
            case .failure(let shared) = resolver.resolve("Dubbel", key: "k")
        else {
            Issue.record("an inactive or shared status resolved")
            return
        }
        #expect(inactive.reason.contains("is inactive"))
        #expect(shared.reason.contains("2 Severa invoice statuses are named \"Dubbel\"; name it by its guid"))
        let settings = InvoiceFlowSettings(
            triggerStatus: "Klar för överföring", receivedStatus: "Överförd", paidStatus: "Betald")
        let resolved = resolver.resolve(settings)
        #expect(
            resolved.statuses?.paid == nil && resolved.paidProblem != nil, "a missing paid status turns only R6 off")
        #expect(resolved.problems.isEmpty)
    }

    @Test(
        "R4.6: routes fill the reference fields; Severa's references stay unless routed; long values are shortened with a note"
    )
    func fieldRoutes() {
        let limits = InvoiceTextLimits(rowDescription: 255, references: [.yourReference: 5, .remarks: 1024])
        var invoice = Self.invoice()
        invoice.yourReference = "Bo Bergström"
        let router = InvoiceFieldRouter(
            routes: [.remarks: .notes, .externalInvoiceReference2: .number], dates: .fortnox, limits: limits)

        let (sent, notes) = router.route(invoice)

        #expect(sent.remarks == "Leverans vecka 3")
        #expect(sent.number == "10023" && sent.orderNumber == nil, "the order number is routed nowhere")
        #expect(sent.ourReference == "Anna" && sent.yourReference == "Bo Be")
        #expect(notes == ["YourReference shortened to 5 characters; the full value is \"Bo Bergström\""])
        #expect(sent.invoiceDate == nil && sent.dueDate == nil, "decision 9: Fortnox dates the invoice")
    }

    @Test("decision 7: a long row text continues in text rows; nothing is cut")
    func longTextsSplit() {
        let text = (0..<80).map { "ord\($0)" }.joined(separator: " ")
        var long = Self.row()
        long.description = text
        let (split, notes) = InvoiceRowTextSplitter(limit: 100).split(Self.invoice(rows: [long, Self.row()]))

        #expect(split.rows.count > 3)
        #expect(split.rows.allSatisfy { $0.description.utf16.count <= 100 })
        let pieces = split.rows.dropLast().map(\.description).joined()
        #expect(pieces == text)
        #expect(
            split.rows[1].productCode == nil && split.rows[1].quantity == 0 && split.rows[1].unitPrice.minorUnits == 0)
        #expect(split.rows.last == Self.row())
        #expect(notes.count == 1)
    }

    @Test("R4.2, decisions 6 and 8: three decimals, or a priced row without product and account, refuse the invoice")
    func amountChecks() {
        let check = InvoiceAmountCheck()
        #expect(check.violation(Self.invoice()) == nil)
        #expect(
            check.violation(Self.invoice(rows: [Self.row(quantity: Decimal(string: "1.125") ?? 0)]))?.reason
                .contains("row 1 has quantity 1.125") == true)
        var free = Self.row(nil)
        free.salesAccount = nil
        #expect(check.violation(Self.invoice(rows: [free]))?.rule == "R4.2")
        free.unitPrice = Self.money("0")
        #expect(check.violation(Self.invoice(rows: [free])) == nil, "a text row needs no account")
        #expect(InvoiceAmountCheck.decimals(of: Decimal(string: "12.50") ?? 0) == 1)
    }

    @Test("R4.2: the customer, the project, each row's product and unit must be in Fortnox, named in the reason")
    func dependencies() {
        let check = InvoiceDependencyCheck(names: SystemNames(pm: "Severa", accounting: "Fortnox"))
        let invoice = Self.invoice(rows: [Self.row("100"), Self.row("200")])
        let all = InvoiceDependencies(
            customerLinked: true, projectLinked: true, knownProducts: ["100", "200"], units: ["st"])
        #expect(check.violation(invoice, all) == nil)
        var missing = all
        missing.knownProducts = ["100"]
        #expect(check.violation(invoice, missing)?.reason.contains("row 2 names product 200") == true)
        missing = all
        missing.units = ["h"]
        #expect(check.violation(invoice, missing)?.rule == "R1.3")
        missing = all
        missing.projectLinked = false
        #expect(check.violation(invoice, missing)?.reason.contains("project 2001 is not in Fortnox yet") == true)
    }

    @Test("R4.5: business unit and row cost centers map to active Fortnox cost centers; anything else is empty, noted")
    func dimensions() {
        let units = [
            BusinessUnit(id: "bu-1", code: "STHLM", name: "Stockholm"),
            BusinessUnit(id: "bu-2", code: "GBG", name: "Göteborg", costCenterIdentifier: "200"),
            BusinessUnit(id: "bu-3", code: nil, name: "Luleå"),
        ]
        let mapper = InvoiceDimensionMapper(
            businessUnitMap: ["STHLM": "STH"], costCenterMap: ["200": "GBG", "300": "OLD"],
            businessUnits: Dictionary(uniqueKeysWithValues: units.map { ($0.id, $0) }),
            activeCostCenters: ["STH", "GBG", "100"])

        let stockholm = mapper.map(
            Self.invoice(
                rows: [Self.row(), Self.row(costCenter: "100"), Self.row(costCenter: "300")], businessUnit: "bu-1"))
        #expect(stockholm.invoice.costCenter == "STH")
        #expect(stockholm.invoice.rows.map(\.costCenter) == ["STH", "100", "STH"], "decision 5: else the invoice's")
        #expect(stockholm.notes.count == 1 && stockholm.notes[0].contains("row 3's cost center 300"))
        #expect(
            mapper.map(Self.invoice(businessUnit: "bu-2")).invoice.costCenter == "GBG", "the unit's own cost center")
        let lulea = mapper.map(Self.invoice(businessUnit: "bu-3"))
        #expect(lulea.invoice.costCenter == nil && lulea.invoice.rows[0].costCenter == nil)
        #expect(lulea.notes == ["business unit Luleå is not mapped to a Fortnox cost center; left empty (R4.5)"])
    }
}
