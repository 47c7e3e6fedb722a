import Foundation
import JSONSupport
import SandboxKit

/// Everything the emulated organisation holds: one ``RecordTable`` per kind, the unique-number
/// indexes, file contents and the organisation's defaults. Lives behind the emulator's `Mutex`.
struct SeveraStore: Sendable {
    private var tables: [RecordTable]
    private var numberIndexes: [SeveraKind: [Int64: Int32]] = [:]
    private var highestNumbers: [SeveraKind: Int64] = [:]
    /// The contents of stored files by file id.
    var fileContents: [UUID: Data] = [:]
    /// The organisation's API user: `createdBy` / `lastUpdatedBy` of every write, owner of new fees.
    var apiUser = UUID()
    /// The organisation's currency (SEK).
    var organisationCurrency = UUID()
    /// The organisation's country (Sweden).
    var organisationCountry = UUID()
    /// The root business unit (the company).
    var rootBusinessUnit = UUID()

    /// An empty store.
    init() {
        self.tables = SeveraKind.allCases.map { _ in RecordTable() }
    }

    /// The table of `kind`.
    subscript(kind: SeveraKind) -> RecordTable {
        get { tables[kind.rawValue] }
        _modify { yield &tables[kind.rawValue] }
    }

    /// The live record `guid` of `kind`.
    func record(_ kind: SeveraKind, _ guid: UUID) -> StoredRecord? {
        tables[kind.rawValue].record(guid)
    }

    /// The record of `kind` holding unique number `number`.
    func guid(_ kind: SeveraKind, number: Int64) -> UUID? {
        guard let position = numberIndexes[kind]?[number] else { return nil }
        let record = tables[kind.rawValue].records[Int(position)]
        return record.isDeleted ? nil : record.guid
    }

    /// The next free number of `kind`: one above the highest ever used, at least `floor`.
    func nextNumber(_ kind: SeveraKind, floor: Int64) -> Int64 {
        max(highestNumbers[kind].map { $0 + 1 } ?? floor, floor)
    }

    /// Records `number` as held by `guid` (and releases `previous`).
    mutating func indexNumber(_ kind: SeveraKind, number: Int64?, previous: Int64?, guid: UUID) {
        if let previous, previous != number, self.guid(kind, number: previous) == guid {
            numberIndexes[kind]?[previous] = nil
        }
        guard let number, let position = tables[kind.rawValue].position(of: guid) else { return }
        numberIndexes[kind, default: [:]][number] = Int32(position)
        highestNumbers[kind] = max(highestNumbers[kind] ?? number, number)
    }

    /// Forgets the number `number` of `guid`.
    mutating func unindexNumber(_ kind: SeveraKind, number: Int64?, guid: UUID) {
        guard let number, self.guid(kind, number: number) == guid else { return }
        numberIndexes[kind]?[number] = nil
    }
}
