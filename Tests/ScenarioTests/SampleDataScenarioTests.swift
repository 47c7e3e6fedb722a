import FortnoxConnector
import Sandbox
import SeveraConnector
import SyncCore
import Testing

@Suite("Bad records among good ones (O7)")
struct SampleDataScenarioTests {
    @Test(
        "O7: every good sample record transfers; each catalogued defect is logged naming the record and the cause",
        arguments: [200, 3])
    func oneBadRecordDoesNotStopTheOthers(batchSize: Int) async throws {
        let bed = try await ScenarioBed(configuration: EngineConfiguration(batchSize: batchSize), units: [])
        let summary = try bed.sandbox.populate(with: SampleDataGenerator(seed: 5, size: .demo))

        let result = await bed.run()

        #expect(result.fatal == nil)
        #expect(result.exitCode == RunResult.partialFailureExitCode)
        let entries = try bed.log(of: result)
        var unlinkable: [EntityKind: Set<String>] = [:]
        for defect in summary.defects {
            guard let entity = Self.entity(of: defect.entity) else { continue }
            let about = entries.filter { $0.entity == entity && $0.naturalKey == defect.key }
            let failures = about.filter { $0.action == .failed }
            switch defect.defect.expectation {
            case .refused, .conflict:
                unlinkable[entity, default: []].insert(defect.key)
                let rule = defect.defect.expectation == .conflict ? "R1.1" : defect.defect.rule
                #expect(failures.contains { $0.rule == rule }, "\(defect): \(about.map(\.action))")
                let named = failures.allSatisfy {
                    $0.reason?.contains(defect.key.isEmpty ? defect.name : defect.key) == true
                }
                #expect(named, "\(defect): \(failures.compactMap(\.reason))")
            case .skipped:
                unlinkable[entity, default: []].insert(defect.key)
                #expect(about.contains { $0.action == .skipped && $0.rule == defect.defect.rule }, "\(defect)")
                #expect(failures.isEmpty, "\(defect): \(failures.compactMap(\.reason))")
            case .accepted:
                #expect(failures.isEmpty, "\(defect): \(failures.compactMap(\.reason))")
            }
        }
        let catalogued = Set(
            summary.defects.compactMap { defect in Self.entity(of: defect.entity).map { "\($0):\(defect.key)" } })
        for failure in entries where failure.action == .failed {
            #expect(catalogued.contains("\(failure.entity):\(failure.naturalKey ?? "")"), "\(failure)")
        }
        let queued = try EntityKind.flowOrder.flatMap { try bed.store.pendingRetries(entity: $0) }
        #expect(queued.count == entries.filter { $0.action == .failed }.count)

        let customers = try await bed.allKeys(bed.severa.customers).union(bed.allKeys(bed.fortnox.customers))
        try expectLinked(bed, .customer, customers.subtracting(unlinkable[.customer] ?? []))
        let products = try await bed.allKeys(bed.severa.products).union(bed.allKeys(bed.fortnox.products))
        try expectLinked(bed, .product, products.subtracting(unlinkable[.product] ?? []))
        let projects = try await bed.allKeys(bed.severa.projects)
        try expectLinked(bed, .project, projects.subtracting(unlinkable[.project] ?? []))
    }

    /// Also shows two fixed bugs: the second run created the R1.1 name-only pair 9006/9007 (its retry had no
    /// index of names), and dropped the code-less product from the retry queue as "no longer exists".
    @Test("O3: a run right after syncing the whole sample data writes nothing (echo suppression)")
    func sampleDataEcho() async throws {
        let bed = try await ScenarioBed(units: [])
        _ = try bed.sandbox.populate(with: SampleDataGenerator(seed: 23, size: .demo))
        let first = await bed.run()
        #expect(first.fatal == nil)

        let second = await bed.run()

        #expect(second.fatal == nil)
        #expect(bed.writes.isEmpty, "\(bed.writes)")
        #expect(second.summary.created == 0 && second.summary.updated == 0 && second.summary.conflicts == 0)
        let reDecided = try bed.log(of: second).filter { $0.action != .failed && $0.action != .skipped }
        #expect(reDecided.isEmpty, "\(reDecided)")
        let gone = try bed.log(of: second, .skipped).filter { $0.reason?.contains("no longer exists") == true }
        #expect(gone.isEmpty, "\(gone)")
    }

    private func expectLinked(_ bed: ScenarioBed, _ entity: EntityKind, _ keys: Set<String>) throws {
        #expect(keys.count >= 5, "too few good \(entity) records to show anything")
        let links = try bed.store.links(entity: entity, naturalKeys: Array(keys))
        #expect(Set(links.keys) == keys, "\(entity) not linked: \(keys.subtracting(links.keys).sorted())")
        #expect(try bed.store.linkCount(entity: entity) == keys.count)
    }

    private static func entity(of sample: SampleEntity) -> EntityKind? {
        switch sample {
        case .customer: .customer
        case .product: .product
        case .project: .project
        case .supplierInvoice, .invoice: nil
        }
    }
}
