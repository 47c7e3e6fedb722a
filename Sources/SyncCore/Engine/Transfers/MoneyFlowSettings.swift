/// How the invoice flow (R4) and the paid-state flow (R6) behave; the CLI fills it from `invoices.*`
/// and `dimensions.*`.
public struct InvoiceFlowSettings: Sendable, Hashable {
    /// Where invoice and due dates come from (`invoices.dates`).
    public enum DateSource: String, Sendable, Hashable, CaseIterable {
        /// Severa's dates are sent.
        case severa
        /// Both dates are left out: Fortnox sets them from today and the customer's terms.
        case fortnox
    }

    /// The status that triggers the transfer: a Severa status name (matched case-insensitively) or guid.
    public var triggerStatus: String
    /// The status the invoice moves to once Fortnox has it.
    public var receivedStatus: String
    /// The status a fully paid invoice moves to (R6); `nil` leaves paid state alone.
    public var paidStatus: String?
    /// Whether invoice attachments are transferred (R4.3).
    public var attachments: Bool
    /// Where invoice and due dates come from.
    public var dates: DateSource
    /// Which Severa value goes to which Fortnox reference field (R4.6); a target absent here is not written.
    public var fieldRoutes: [InvoiceReferenceField: InvoiceSourceField]
    /// Severa business unit (code, name or guid) → Fortnox cost center code (R4.5).
    public var businessUnitCostCenters: [String: String]
    /// Severa cost center identifier → Fortnox cost center code (R4.5); unmapped identifiers pass unchanged.
    public var costCenters: [String: String]

    /// The routes used when the configuration names none: the order number to `YourOrderNumber`, the
    /// Severa invoice number to `ExternalInvoiceReference2`.
    public static let defaultRoutes: [InvoiceReferenceField: InvoiceSourceField] = [
        .yourOrderNumber: .orderNumber, .externalInvoiceReference2: .number,
    ]

    /// Creates settings.
    public init(
        triggerStatus: String, receivedStatus: String, paidStatus: String? = nil, attachments: Bool = false,
        dates: DateSource = .severa, fieldRoutes: [InvoiceReferenceField: InvoiceSourceField] = defaultRoutes,
        businessUnitCostCenters: [String: String] = [:], costCenters: [String: String] = [:]
    ) {
        self.triggerStatus = triggerStatus
        self.receivedStatus = receivedStatus
        self.paidStatus = paidStatus
        self.attachments = attachments
        self.dates = dates
        self.fieldRoutes = fieldRoutes
        self.businessUnitCostCenters = businessUnitCostCenters
        self.costCenters = costCenters
    }
}
