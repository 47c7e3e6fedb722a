import SyncCore

/// Prints the pre-flight product report (`brygga check`, R1.4): a count line per category, then the
/// products that need the operator, one per line.
struct ProductMatchPrinter {
    /// Where the report goes.
    let console: any Console

    /// Prints `report`.
    func print(_ report: ProductMatchReport) {
        console.print(
            "\(report.pairs.count) products match on code and name in Severa and Fortnox (they will be linked)")
        console.print("\(report.onlyInPM.count) only in Severa (they will be created in Fortnox)")
        console.print("\(report.onlyInAccounting.count) only in Fortnox (they will be created in Severa)")
        section(
            "same code, different names (R1.1: not merged; make the names equal or change a code):",
            report.codeMismatches.map {
                "code \($0.pm.code): Severa \"\($0.pm.name)\", Fortnox \"\($0.accounting.name)\""
            })
        section(
            "same name, different codes (R1.1: not merged; give both one code or rename one):",
            report.nameMismatches.map {
                "\"\($0.pm.name)\": Severa code \($0.pm.code), Fortnox code \($0.accounting.code)"
            })
        section(
            "empty or non-numeric codes (R1.2: never transferred; give them numeric codes):",
            report.invalidCodes.map { "\(system($0.side)) \"\($0.name)\": code \"\($0.code)\"" })
        section(
            "unreadable (fix them in their system):",
            report.unreadable.map {
                "\(system($0.side)) \($0.record.naturalKey ?? $0.record.id ?? "?"): \($0.record.reason)"
            })
        console.print(
            report.isConsistent && report.invalidCodes.isEmpty
                ? "Every product has a full match or none: the product flow can be activated."
                : "Fix the products listed above before activating the product flow.")
    }

    private func section(_ title: String, _ lines: [String]) {
        guard !lines.isEmpty else { return }
        console.print("\(lines.count) \(title)")
        for line in lines { console.print("  " + line) }
    }

    private func system(_ side: SystemSide) -> String {
        side == .projectManagement ? "Severa" : "Fortnox"
    }
}
