import Foundation

/// The records of one kind in creation order, with lookup by id and by owner.
///
/// Positions never move: a deleted record leaves a tombstone, so a page token that names a position
/// stays valid while records are added or removed, and listing is a forward scan from that position.
struct RecordTable: Sendable {
    /// Every record ever added, tombstones included, in creation order.
    private(set) var records: [StoredRecord] = []
    private var positions: [UUID: Int32] = [:]
    private var children: [UUID: [Int32]] = [:]

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
        children[owner] ?? []
    }

    /// The live records owned by `owner`, in creation order.
    func children(of owner: UUID) -> [StoredRecord] {
        childPositions(of: owner).map { records[Int($0)] }
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
        if let owner = record.owner { children[owner, default: []].append(Int32(position)) }
        return position
    }

    /// Replaces the values (and owner) of the record at `position` and stamps it as updated at `updatedAt`.
    mutating func update(at position: Int, fields: PackedFields, updatedAt: Int64, owner: UUID?) {
        let previousOwner = records[position].owner
        records[position].fields = fields
        records[position].updatedAt = updatedAt
        guard previousOwner != owner else { return }
        records[position].owner = owner
        if let previousOwner {
            children[previousOwner]?.removeAll { $0 == Int32(position) }
            if children[previousOwner]?.isEmpty == true { children[previousOwner] = nil }
        }
        if let owner {
            // Keep the owner's list in creation order.
            var list = children[owner, default: []]
            let insertAt = list.firstIndex { $0 > Int32(position) } ?? list.count
            list.insert(Int32(position), at: insertAt)
            children[owner] = list
        }
    }

    /// Stamps the record at `position` as updated at `updatedAt` without changing its values.
    mutating func touch(at position: Int, updatedAt: Int64) {
        records[position].updatedAt = updatedAt
    }

    /// Deletes the record at `position`, leaving a tombstone.
    mutating func delete(at position: Int) {
        let record = records[position]
        guard !record.isDeleted else { return }
        positions[record.guid] = nil
        if let owner = record.owner {
            children[owner]?.removeAll { $0 == Int32(position) }
            if children[owner]?.isEmpty == true { children[owner] = nil }
        }
        records[position].isDeleted = true
        records[position].fields = .empty
    }
}
