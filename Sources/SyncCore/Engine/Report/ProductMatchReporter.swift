/// Builds the ``ProductMatchReport`` from full listings of both sides' products.
struct ProductMatchReporter {
    let pmProducts: any RecordEndpoint<Product>
    let accountingProducts: any RecordEndpoint<Product>

    /// Lists both sides and compares them by code and by name (R1.1, R1.4).
    ///
    /// - Throws: ``EngineFailure`` when a listing fails; the report needs both complete.
    func report() async throws(EngineFailure) -> ProductMatchReport {
        var report = ProductMatchReport()
        let accountingItems = try await listAll(accountingProducts, side: .accounting, into: &report)
        let pmItems = try await listAll(pmProducts, side: .projectManagement, into: &report)
        var accountingByCode: [String: ProductMatchReport.Item] = [:]
        var accountingByName: [String: ProductMatchReport.Item] = [:]
        for item in accountingItems {
            if accountingByCode[item.code] == nil { accountingByCode[item.code] = item }
            let name = ProductFlow.matchName(item.name)
            if accountingByName[name] == nil { accountingByName[name] = item }
        }
        var pmByName: [String: ProductMatchReport.Item] = [:]
        var matchedAccountingIDs: Set<String> = []
        for item in pmItems {
            let name = ProductFlow.matchName(item.name)
            if pmByName[name] == nil { pmByName[name] = item }
            if let counterpart = accountingByCode[item.code] {
                matchedAccountingIDs.insert(counterpart.id)
                let pair = ProductMatchReport.Pair(pm: item, accounting: counterpart)
                if ProductFlow.matchName(counterpart.name) == name {
                    report.pairs.append(pair)
                } else {
                    report.codeMismatches.append(pair)
                }
            } else if let counterpart = accountingByName[name] {
                matchedAccountingIDs.insert(counterpart.id)
                report.nameMismatches.append(ProductMatchReport.Pair(pm: item, accounting: counterpart))
            } else {
                report.onlyInPM.append(item)
            }
        }
        for item in accountingItems where !matchedAccountingIDs.contains(item.id) {
            if let counterpart = pmByName[ProductFlow.matchName(item.name)], counterpart.code != item.code {
                report.nameMismatches.append(ProductMatchReport.Pair(pm: counterpart, accounting: item))
            } else {
                report.onlyInAccounting.append(item)
            }
        }
        return report
    }

    /// Every product of one side with a valid code; invalid codes and unreadable items go to the report.
    private func listAll(
        _ endpoint: any RecordEndpoint<Product>, side: SystemSide, into report: inout ProductMatchReport
    ) async throws(EngineFailure) -> [ProductMatchReport.Item] {
        var items: [ProductMatchReport.Item] = []
        var iterator = endpoint.changes(since: nil).makeAsyncIterator()
        while true {
            let page: ChangePage<Product>?
            do {
                page = try await iterator.next()
            } catch {
                throw EngineFailure.classify(error)
                    ?? EngineFailure(
                        kind: .connector, message: "listing the products failed: \(error)",
                        exitCode: EngineFailure.unavailableExitCode)
            }
            guard let page else { break }
            for entry in page.items {
                switch entry {
                case .record(let remote):
                    let item = ProductMatchReport.Item(
                        side: side, id: remote.id, code: remote.record.code, name: remote.record.name)
                    if ProductFlow.codeProblem(item.code) != nil {
                        report.invalidCodes.append(item)
                    } else {
                        items.append(item)
                    }
                case .unreadable(let record):
                    report.unreadable.append(ProductMatchReport.Unreadable(side: side, record: record))
                }
            }
        }
        return items
    }
}
