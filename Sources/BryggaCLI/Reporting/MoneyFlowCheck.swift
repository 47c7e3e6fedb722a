import FortnoxConnector
import Foundation
import SeveraConnector
import SyncCore

/// The pre-flight checks of the money flows for `brygga check`: the invoice statuses (R4.1), the default
/// product (R5.3), project accounting (R5.1) and the cost-center mapping (R4.5). Reads only.
struct MoneyFlowCheck {
    /// How a line of the report came out.
    enum Verdict: String {
        case ok = "OK  "
        case warning = "WARN"
        case failure = "FAIL"
    }

    /// One checked item.
    struct Line {
        var verdict: Verdict
        var text: String
    }

    /// One section: a title and its lines.
    struct Section {
        var title: String
        var lines: [Line] = []
    }

    let configuration: BryggaConfiguration
    let severa: SeveraConnector
    let fortnox: FortnoxConnector

    /// The sections that apply to the enabled flows.
    func sections() async -> [Section] {
        var sections: [Section] = []
        if let invoices = configuration.invoices {
            sections.append(await statuses(invoices))
            sections.append(await dimensions(invoices))
        }
        if configuration.flows.projectFees {
            sections.append(await defaultProduct())
            sections.append(await projectAccounting())
        }
        return sections
    }

    private func statuses(_ settings: InvoiceFlowSettings) async -> Section {
        var section = Section(title: "Invoice statuses (R4.1)")
        let statuses: [InvoiceStatus]
        do throws(ConnectorError) {
            statuses = try await severa.invoiceStatuses()
        } catch {
            section.lines.append(Line(verdict: .failure, text: "reading Severa's invoice statuses failed: \(error)"))
            return section
        }
        let resolver = InvoiceStatusResolver(statuses: statuses)
        var configured: [(String, String?, String)] = [
            ("trigger", settings.triggerStatus, "invoices.triggerStatus"),
            ("received", settings.receivedStatus, "invoices.receivedStatus"),
        ]
        configured.append(("paid", settings.paidStatus, "invoices.paidStatus"))
        for (role, name, key) in configured {
            guard let name else {
                section.lines.append(
                    Line(verdict: .ok, text: "paid      none configured: paid states stay in Fortnox (R6 off)"))
                continue
            }
            switch resolver.resolve(name, key: key) {
            case .failure(let problem):
                section.lines.append(Line(verdict: role == "paid" ? .warning : .failure, text: problem.description))
            case .success(let status):
                let label = role.padding(toLength: 9, withPad: " ", startingAt: 0)
                section.lines.append(Line(verdict: .ok, text: "\(label) \"\(status.name)\" (\(status.id))"))
                if let warning = Self.warning(role: role, status: status) {
                    section.lines.append(Line(verdict: .warning, text: warning))
                }
            }
        }
        return section
    }

    /// What is unusual about a status in `role`.
    static func warning(role: String, status: InvoiceStatus) -> String? {
        switch role {
        case "trigger" where status.isReadOnly:
            "the trigger status \"\(status.name)\" is read-only: invoices cannot be corrected in it"
        case "received" where !status.isReadOnly:
            "the received status \"\(status.name)\" is not read-only: an invoice edited in Severa after the transfer "
                + "is not carried to Fortnox (Fortnox owns the final invoice)"
        case "paid" where !status.isPaid:
            "the paid status \"\(status.name)\" is not marked as paid in Severa"
        default: nil
        }
    }

    private func dimensions(_ settings: InvoiceFlowSettings) async -> Section {
        var section = Section(title: "Cost centers (R4.5)")
        let codes: Set<String>
        let units: [BusinessUnit]
        do throws(ConnectorError) {
            codes = try await fortnox.costCenterCodes()
            units = try await severa.businessUnits()
        } catch {
            section.lines.append(Line(verdict: .failure, text: "reading the cost centers failed: \(error)"))
            return section
        }
        let mapped =
            settings.businessUnitCostCenters.map { ("business unit \($0.key)", $0.value) }
            + settings.costCenters.map { ("Severa cost center \($0.key)", $0.value) }
        for (source, code) in mapped.sorted(by: { $0.0 < $1.0 }) {
            section.lines.append(
                codes.contains(code)
                    ? Line(verdict: .ok, text: "\(source) → \(code)")
                    : Line(
                        verdict: .warning,
                        text: "\(source) → \(code), which is not an active Fortnox cost center: left empty on invoices")
            )
        }
        for unit in units.sorted(by: { $0.name < $1.name }) where unit.isActive {
            let keys = [unit.code, unit.name, unit.id].compactMap { $0 }
            guard !keys.contains(where: { settings.businessUnitCostCenters[$0] != nil }) else { continue }
            let own = unit.costCenterIdentifier.map { " (its Severa cost center \($0) is used)" } ?? ""
            section.lines.append(
                Line(
                    verdict: .warning,
                    text: "business unit \(unit.code ?? unit.name) has no entry in dimensions.businessUnits\(own)"))
        }
        if section.lines.isEmpty {
            section.lines.append(
                Line(verdict: .ok, text: "no mapping configured; Severa cost center ids are used as they are"))
        }
        return section
    }

    private func defaultProduct() async -> Section {
        var section = Section(title: "Default product of project fees (R5.3)")
        guard let code = configuration.projectFees.defaultProduct else {
            section.lines.append(
                Line(
                    verdict: .warning,
                    text: "projectFees.defaultProduct is not set: a supplier-invoice row without an article fails"))
            return section
        }
        do throws(ConnectorError) {
            guard let found = try await severa.products.find(naturalKey: code) else {
                section.lines.append(Line(verdict: .failure, text: "Severa has no product with code \(code)"))
                return section
            }
            if found.record.kind == .product {
                section.lines.append(Line(verdict: .ok, text: "\(code) \"\(found.record.name)\" is a Severa product"))
            } else {
                section.lines.append(
                    Line(
                        verdict: .failure,
                        text:
                            "\(code) \"\(found.record.name)\" is a Severa \(found.record.kind.rawValue.replacingOccurrences(of: "_", with: " ")), "
                            + "not a product; fees take products"))
            }
        } catch {
            section.lines.append(Line(verdict: .failure, text: "reading product \(code) in Severa failed: \(error)"))
        }
        return section
    }

    private func projectAccounting() async -> Section {
        var section = Section(title: "Project accounting in Fortnox (R5.1)")
        do throws(ConnectorError) {
            if try await fortnox.projectAccountingEnabled() {
                section.lines.append(
                    Line(
                        verdict: .ok,
                        text: "on, or not reported (Fortnox's company settings do not document it; then assumed on)"))
            } else {
                section.lines.append(
                    Line(
                        verdict: .failure,
                        text: "off: supplier-invoice rows carry no project, so no project fee is transferred"))
            }
        } catch {
            section.lines.append(Line(verdict: .failure, text: "reading Fortnox's company settings failed: \(error)"))
        }
        return section
    }
}
