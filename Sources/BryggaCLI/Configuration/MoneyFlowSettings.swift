import JSONSupport
import SyncCore

/// The `projectFees` section: how supplier-invoice rows become Severa project fees (R5).
public struct ProjectFeeSettings: Sendable, Hashable {
    /// The Severa product code of a fee whose row has no article number (R5.3); `nil` for none.
    public var defaultProduct: String?

    /// Creates settings.
    public init(defaultProduct: String? = nil) {
        self.defaultProduct = defaultProduct
    }
}

/// The `invoices` and `dimensions` sections as read from the file, before the flows are on or off.
struct MoneyFlowSections {
    /// `invoices.*` and `dimensions.*`, when an `invoices` section is given.
    var invoices: InvoiceFlowSettings?
    /// `projectFees.*`.
    var projectFees: ProjectFeeSettings
}

extension ConfigurationDecoder {
    /// Reads `invoices`, `projectFees` and `dimensions` and checks them against `flows` at load time
    /// (R4.1): with `flows.invoices` on, or a paid status set, the trigger and received statuses are
    /// required and must differ; the paid status must differ from both.
    func decodeMoneyFlows(_ top: JSONObjectReader, flows: FlowSettings) throws(JSONDocumentError) -> MoneyFlowSections {
        let invoiceKeys = ["triggerStatus", "receivedStatus", "paidStatus", "attachments", "dates", "fieldRoutes"]
        let section = try top.object("invoices", allowedKeys: invoiceKeys)
        let dimensions = try top.object("dimensions", allowedKeys: ["businessUnits", "costCenters"])
        let fees = try top.object("projectFees", allowedKeys: ["defaultProduct"])
        let projectFees = ProjectFeeSettings(
            defaultProduct: try fees?.optionalString("defaultProduct", expected: "a Severa product code"))
        let paid = try section?.optionalString("paidStatus", expected: "a Severa invoice status name or guid")
        guard flows.invoices || paid != nil else {
            return MoneyFlowSections(invoices: nil, projectFees: projectFees)
        }
        let why = flows.invoices ? "flows.invoices is on" : "invoices.paidStatus is set"
        guard let section else {
            throw top.error(
                "invoices",
                "missing; \(why), so R4.1 needs \"triggerStatus\" and \"receivedStatus\" (Severa invoice status names "
                    + "or guids)")
        }
        let trigger = try status(section, "triggerStatus", required: why)
        let received = try status(section, "receivedStatus", required: why)
        if Self.sameStatus(trigger, received) {
            throw section.error("receivedStatus", "names the trigger status \"\(trigger)\"; an invoice must move on")
        }
        if let paid, Self.sameStatus(paid, trigger) || Self.sameStatus(paid, received) {
            throw section.error(
                "paidStatus", "names the trigger or received status \"\(paid)\"; use a status of its own")
        }
        return MoneyFlowSections(
            invoices: InvoiceFlowSettings(
                triggerStatus: trigger, receivedStatus: received, paidStatus: paid,
                attachments: try section.bool("attachments", default: false),
                dates: try section.choice("dates", default: InvoiceFlowSettings.DateSource.severa),
                fieldRoutes: try fieldRoutes(section),
                businessUnitCostCenters: try costCenterMap(dimensions, "businessUnits"),
                costCenters: try costCenterMap(dimensions, "costCenters")),
            projectFees: projectFees)
    }

    private func status(_ section: JSONObjectReader, _ key: String, required why: String) throws(JSONDocumentError)
        -> String
    {
        guard let name = try section.optionalString(key, expected: "a Severa invoice status name or guid") else {
            throw section.error(key, "missing; \(why), so R4.1 needs this Severa invoice status (a name or guid)")
        }
        return name
    }

    private static func sameStatus(_ first: String, _ second: String) -> Bool {
        first.trimmingWhitespace.lowercased() == second.trimmingWhitespace.lowercased()
    }

    /// `invoices.fieldRoutes`: Fortnox field → Severa field or `null`, applied over the default routes.
    private func fieldRoutes(_ section: JSONObjectReader) throws(JSONDocumentError)
        -> [InvoiceReferenceField: InvoiceSourceField]
    {
        let targets = InvoiceReferenceField.allCases.map(\.rawValue)
        guard section.value("fieldRoutes") != nil else { return InvoiceFlowSettings.defaultRoutes }
        if section.value("fieldRoutes")?["ExternalInvoiceReference1"] != nil {
            throw JSONDocumentError(
                file: file,
                keyPath: section.path.appending("fieldRoutes").appending("ExternalInvoiceReference1").description,
                problem: "is never routable: it carries the Severa invoice's key, which keeps an invoice from being "
                    + "created twice (R4.4)")
        }
        guard let routes = try section.object("fieldRoutes", allowedKeys: targets) else {
            return InvoiceFlowSettings.defaultRoutes
        }
        var result = InvoiceFlowSettings.defaultRoutes
        for (key, value) in routes.members {
            guard let target = InvoiceReferenceField(rawValue: key) else { continue }
            guard !value.isNull else {
                result[target] = nil
                continue
            }
            result[target] = try JSONObjectReader.choice(value, as: InvoiceSourceField.self) { expectation in
                routes.mismatch(key, expected: expectation + " or null", found: value)
            }
        }
        return result
    }

    /// `dimensions.<key>`: Severa value → Fortnox cost center code (at most 6 characters).
    private func costCenterMap(_ dimensions: JSONObjectReader?, _ key: String) throws(JSONDocumentError)
        -> [String: String]
    {
        guard let dimensions, let value = dimensions.value(key) else { return [:] }
        guard let members = value.objectValue else {
            throw dimensions.mismatch(
                key, expected: "an object of Severa value → Fortnox cost center code", found: value)
        }
        var map: [String: String] = [:]
        for (severa, fortnox) in members {
            let location = dimensions.path.appending(key).appending(severa).description
            guard let code = fortnox.stringValue, !code.isEmpty, code.count <= 6 else {
                throw JSONDocumentError(
                    file: file, keyPath: location,
                    problem:
                        "expected a Fortnox cost center code (1 to 6 characters), found \(fortnox.foundDescription)")
            }
            map[severa] = code
        }
        return map
    }
}
