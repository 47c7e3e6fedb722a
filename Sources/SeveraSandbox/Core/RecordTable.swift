import Foundation
import SandboxKit

/// The records of one kind in creation order, with lookup by id and by owner.
///
/// Positions never move: a deleted record leaves a tombstone, so a page token that names a position
/// stays valid while records are added or removed, and listing is a forward scan from that position.
/// The records of one owner are chained through ``StoredRecord/nextSibling`` in creation order, so a
/// customer's addresses cost no array of their own.
struct RecordTable: Sendable {
    private struct Chain: Sendable {
        var first: Int32
        var last: Int32
    }

    /// Every record ever added, tombstones included, in creation order.
    private(set) var records: [StoredRecord] = []
    private var positions: [UUID: Int32] = [:]
    private var chains: [UUID: Chain] = [:]

    /// The number of records that are not deleted.
    var liveCount: Int { positions.count }

    /// The position of the live record `guid`.
    func position(of guid: UUID) -> Int? {
        positions[guid].map(Int.init)
    }

    /// The live record `guid`.
    func record(_ guid: UUID) -> StoredRecord? {
        guard let position = positions[guid] else { return nil }
        return records[Int(position)]
    }

    /// Whether a live record `guid` exists.
    func contains(_ guid: UUID) -> Bool {
        positions[guid] != nil
    }

    /// Positions of the live records owned by `owner`, in creation order.
    func childPositions(of owner: UUID) -> [Int32] {
        var result: [Int32] = []
        var position = chains[owner]?.first ?? -1
        while position >= 0 {
            result.append(position)
            position = records[Int(position)].nextSibling
        }
        return result
    }

    /// The live records owned by `owner`, in creation order.
    func children(of owner: UUID) -> [StoredRecord] {
        childPositions(of: owner).map { records[Int($0)] }
    }

    /// The first record owned by `owner` that satisfies `predicate`, in creation order.
    func firstChild(of owner: UUID, where predicate: (StoredRecord) -> Bool = { _ in true }) -> StoredRecord? {
        var position = chains[owner]?.first ?? -1
        while position >= 0 {
            let record = records[Int(position)]
            if predicate(record) { return record }
            position = record.nextSibling
        }
        return nil
    }

    /// Whether `owner` owns any record.
    func hasChildren(_ owner: UUID) -> Bool {
        chains[owner] != nil
    }

    /// Every live record in creation order.
    var liveRecords: [StoredRecord] {
        records.filter { !$0.isDeleted }
    }

    /// Appends `record` and returns its position.
    @discardableResult
    mutating func append(_ record: StoredRecord) -> Int {
        let position = records.count
        records.append(record)
        positions[record.guid] = Int32(position)
        if let owner = record.owner { link(position, to: owner) }
        return position
    }

    /// Replaces the values (and owner) of the record at `position` and stamps it as updated at `updatedAt`.
    mutating func update(at position: Int, fields: PackedFields, updatedAt: Int64, owner: UUID?) {
        records[position].fields = fields
        records[position].updatedAt = updatedAt
        let previousOwner = records[position].owner
        guard previousOwner != owner else { return }
        if let previousOwner { unlink(position, from: previousOwner) }
        records[position].owner = owner
        if let owner { link(position, to: owner) }
    }

    /// Deletes the record at `position`, leaving a tombstone.
    mutating func delete(at position: Int) {
        let record = records[position]
        guard !record.isDeleted else { return }
        positions[record.guid] = nil
        if let owner = record.owner { unlink(position, from: owner) }
        records[position].isDeleted = true
        records[position].fields = .empty
    }

    /// Inserts `position` into the owner's chain, keeping creation order.
    private mutating func link(_ position: Int, to owner: UUID) {
        let value = Int32(position)
        records[position].nextSibling = -1
        guard var chain = chains[owner] else {
            chains[owner] = Chain(first: value, last: value)
            return
        }
        if chain.last < value {
            records[Int(chain.last)].nextSibling = value
            chain.last = value
        } else if chain.first > value {
            records[position].nextSibling = chain.first
            chain.first = value
        } else {
            var previous = chain.first
            while records[Int(previous)].nextSibling >= 0 && records[Int(previous)].nextSibling < value {
                previous = records[Int(previous)].nextSibling
            }
            records[position].nextSibling = records[Int(previous)].nextSibling
            records[Int(previous)].nextSibling = value
        }
        chains[owner] = chain
    }

    /// Removes `position` from the owner's chain.
    private mutating func unlink(_ position: Int, from owner: UUID) {
        guard var chain = chains[owner] else { return }
        let value = Int32(position)
        let next = records[position].nextSibling
        if chain.first == value {
            guard next >= 0 else {
                chains[owner] = nil
                return
            }
            chain.first = next
        } else {
            var previous = chain.first
            while previous >= 0 && records[Int(previous)].nextSibling != value {
                previous = records[Int(previous)].nextSibling
            }
            guard previous >= 0 else { return }
            records[Int(previous)].nextSibling = next
            if chain.last == value { chain.last = previous }
        }
        records[position].nextSibling = -1
        chains[owner] = chain
    }
}
