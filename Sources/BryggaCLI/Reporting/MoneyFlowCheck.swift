import FortnoxConnector
import Foundation
import SeveraConnector
import SyncCore

/// The pre-flight checks of the money flows for `brygga check`: the invoice statuses (R4.1), the
/// cost-center mapping (R4.5), the VAT rates invoice rows can carry (R4.2), the default product (R5.3),
/// project accounting (R5.1) and the API scopes the enabled flows need. Reads only.
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
            if configuration.flows.invoices { sections.append(await vatRates()) }
        }
        if configuration.flows.projectFees {
            sections.append(await defaultProduct())
            sections.append(await projectAccounting())
        }
        if configuration.invoices != nil || configuration.flows.projectFees { sections.append(scopes()) }
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
        let fortnoxCenters: [String: Bool]
        let units: [BusinessUnit]
        let severaCenters: [String: String]
        do throws(ConnectorError) {
            fortnoxCenters = try await fortnox.costCenterActivity()
            units = try await severa.businessUnits()
            severaCenters = try await severa.activeCostCenters()
        } catch {
            section.lines.append(Line(verdict: .failure, text: "reading the cost centers failed: \(error)"))
            return section
        }
        section.lines = Self.dimensionLines(
            settings, fortnox: fortnoxCenters, businessUnits: units, severaCostCenters: severaCenters)
        return section
    }

    /// The R4.5 report: every mapped Fortnox code that does not exist or is inactive, and every active
    /// Severa business unit and cost center without a mapping, with what happens to it on invoices.
    static func dimensionLines(
        _ settings: InvoiceFlowSettings, fortnox: [String: Bool], businessUnits: [BusinessUnit],
        severaCostCenters: [String: String]
    ) -> [Line] {
        var lines: [Line] = []
        /// What Fortnox makes of `code`: `nil` when it is an active cost center, else why it is left empty.
        func problem(_ code: String) -> String? {
            switch fortnox[code] {
            case true?: nil
            case false?: "is inactive in Fortnox"
            case nil: "does not exist in Fortnox"
            }
        }
        let mapped =
            settings.businessUnitCostCenters.map { ("business unit \($0.key)", $0.value) }
            + settings.costCenters.map { ("Severa cost center \($0.key)", $0.value) }
        for (source, code) in mapped.sorted(by: { $0.0 < $1.0 }) {
            if let problem = problem(code) {
                lines.append(
                    Line(verdict: .warning, text: "\(source) → \(code), which \(problem): left empty on invoices"))
            } else {
                lines.append(Line(verdict: .ok, text: "\(source) → \(code)"))
            }
        }
        for unit in businessUnits.sorted(by: { $0.name < $1.name }) where unit.isActive {
            let keys = [unit.code, unit.name, unit.id].compactMap { $0 }
            guard !keys.contains(where: { settings.businessUnitCostCenters[$0] != nil }) else { continue }
            let name = unit.code ?? unit.name
            guard let own = unit.costCenterIdentifier else {
                lines.append(
                    Line(
                        verdict: .warning,
                        text: "business unit \(name) has no entry in dimensions.businessUnits and no Severa cost "
                            + "center: invoice headers of its projects get no cost center"))
                continue
            }
            let code = settings.costCenters[own] ?? own
            lines.append(
                Line(
                    verdict: problem(code) == nil ? .ok : .warning,
                    text: "business unit \(name) has no entry in dimensions.businessUnits; its Severa cost center "
                        + "\(own) → \(code) is used" + (problem(code).map { ", which \($0): left empty" } ?? "")))
        }
        for (identifier, name) in severaCostCenters.sorted(by: { $0.key < $1.key })
        where settings.costCenters[identifier] == nil {
            if let problem = problem(identifier) {
                lines.append(
                    Line(
                        verdict: .warning,
                        text: "Severa cost center \(identifier) (\(name)) has no entry in dimensions.costCenters and "
                            + "\(identifier) \(problem): rows with it get the header's cost center or none"))
            }
        }
        if lines.isEmpty {
            lines.append(Line(verdict: .ok, text: "no mapping configured; Severa cost center ids are used as they are"))
        }
        return lines
    }

    private func vatRates() async -> Section {
        var section = Section(title: "VAT rates of invoice rows (R4.2)")
        do throws(ConnectorError) {
            let rates = try await severa.activeVATRates()
            section.lines = Self.vatLines(severa: rates, accepted: configuration.mappings.vatRates.rates["SE"] ?? [])
        } catch {
            section.lines.append(Line(verdict: .failure, text: "reading Severa's VAT rates failed: \(error)"))
        }
        return section
    }

    /// The R4.2 VAT report: Severa's active rates that a Swedish Fortnox company cannot take (`accepted`:
    /// `Mappings/vat-rates.json` for SE; Fortnox publishes no VAT setup to read), each a warning.
    static func vatLines(severa: Set<Decimal>, accepted: [Decimal]) -> [Line] {
        let text = { (rates: [Decimal]) in rates.sorted(by: >).map { "\($0)" }.joined(separator: ", ") }
        let refused = severa.filter { !accepted.contains($0) }.sorted(by: >)
        var lines: [Line] = []
        let taken = severa.subtracting(refused)
        if !taken.isEmpty {
            lines.append(Line(verdict: .ok, text: "\(text(Array(taken))) % go to Fortnox as they are"))
        }
        for rate in refused {
            var value = rate
            var rounded = Decimal()
            NSDecimalRound(&rounded, &value, 0, .plain)
            let whole = rounded == rate
            lines.append(
                Line(
                    verdict: .warning,
                    text: "\(rate) %: "
                        + (whole ? "not a Swedish rate (\(text(accepted)) %)" : "Fortnox takes whole percentages only")
                        + "; invoice rows with it fail (R4.2)"))
        }
        return lines
    }

    private func scopes() -> Section {
        var section = Section(title: "API scopes of the money flows")
        section.lines = Self.scopeLines(configuration)
        return section
    }

    /// The scopes each enabled money flow needs (fortnox-api.md §2, severa-api.md §2), and for scopes the
    /// configuration lists itself, which of them are missing (a failure: the flow's requests get 403).
    static func scopeLines(_ configuration: BryggaConfiguration) -> [Line] {
        let none = FlowSettings(products: false, customers: false, projects: false)
        var needs: [(String, FlowSettings, Bool, Bool)] = []
        if configuration.flows.invoices {
            needs.append(
                (
                    "invoices", FlowSettings(products: false, customers: false, projects: false, invoices: true), false,
                    false
                ))
        }
        if configuration.invoices?.attachments == true, configuration.flows.invoices {
            needs.append(("attachments", none, false, true))
        }
        if configuration.invoices?.paidStatus != nil { needs.append(("paid state", none, true, false)) }
        if configuration.flows.projectFees {
            needs.append(
                (
                    "project fees", FlowSettings(products: false, customers: false, projects: false, projectFees: true),
                    false, false
                ))
        }
        var lines: [Line] = []
        for (flow, flows, paid, attachments) in needs {
            let systems: [(String, [String], [String], Bool)] = [
                (
                    "Fortnox", ScopeDerivation.fortnoxScopes(for: flows, paidStatus: paid, attachments: attachments),
                    configuration.fortnox.scopes, configuration.fortnox.scopesAreDerived
                ),
                (
                    "Severa", ScopeDerivation.severaScopes(for: flows, paidStatus: paid, attachments: attachments),
                    configuration.severa.scopes, configuration.severa.scopesAreDerived
                ),
            ]
            for (system, needed, configured, derived) in systems {
                let missing = needed.filter { !configured.contains($0) }
                if missing.isEmpty {
                    let how = derived ? "asked for" : "listed in \(system.lowercased()).scopes"
                    lines.append(
                        Line(verdict: .ok, text: "\(flow): \(system) \(needed.joined(separator: " ")) (\(how))"))
                } else {
                    lines.append(
                        Line(
                            verdict: .failure,
                            text: "\(flow): \(system.lowercased()).scopes lacks \(missing.joined(separator: " ")); "
                                + "add it (or leave the key out to derive the scopes), then authorize again"))
                }
            }
        }
        return lines
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
