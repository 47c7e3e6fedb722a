/// A record as one side holds it: its id on that side, the canonical record and an optional version.
public struct RemoteRecord<Record: SyncRecord>: Sendable, Hashable {
    /// The record's id on its side: a Severa guid (prefixed by register for products, e.g.
    /// `worktype:…`), a Fortnox number.
    public var id: String
    /// The record in canonical form.
    public var record: Record
    /// A version stamp the side gives, when it has one (Severa `lastUpdatedDateTime`); `nil` for Fortnox.
    public var version: String?

    /// Creates a remote record.
    public init(id: String, record: Record, version: String? = nil) {
        self.id = id
        self.record = record
        self.version = version
    }
}

/// An opaque position in a side's change feed; connectors define its text, the state store keeps it.
public struct ChangeCursor: Sendable, Hashable, CustomStringConvertible {
    /// The connector's representation, e.g. a `lastmodified` timestamp.
    public var value: String

    /// Creates a cursor.
    public init(_ value: String) {
        self.value = value
    }

    public var description: String { value }
}

/// A listed record that could not be turned into the canonical model; logged as failed, never dropped silently.
public struct UnreadableRecord: Sendable, Hashable {
    /// The record's id on its side, when it could be read.
    public var id: String?
    /// The natural key (number, code), when it could be read.
    public var naturalKey: String?
    /// What was wrong, naming the field, e.g. "VATNumber: expected a string, found a number".
    public var reason: String
    /// The failure of the request that read the record, when reading it failed (not when its data
    /// could not be mapped): the engine counts answers that were not the API's
    /// (``ConnectorError/isUnhealthyAnswer``) towards stopping the run.
    public var cause: ConnectorError?

    /// Creates an entry.
    public init(id: String?, naturalKey: String?, reason: String) {
        self.id = id
        self.naturalKey = naturalKey
        self.reason = reason
        self.cause = nil
    }

    /// Creates the entry of a record whose read failed with `cause`; the reason is its description.
    public init(id: String?, naturalKey: String?, cause: ConnectorError) {
        self.id = id
        self.naturalKey = naturalKey
        self.reason = cause.description
        self.cause = cause
    }
}

/// One item of a change listing.
public enum PageItem<Record: SyncRecord>: Sendable {
    /// A record that was read.
    case record(RemoteRecord<Record>)
    /// A record that could not be read.
    case unreadable(UnreadableRecord)
}

/// One page of a change listing.
///
/// `nextCursor` is set on the last page only: it covers everything listed, so the engine stores it
/// once every item of every page is durable (linked, or logged as failed).
public struct ChangePage<Record: SyncRecord>: Sendable {
    /// The items of this page.
    public var items: [PageItem<Record>]
    /// The cursor to resume from next time; non-`nil` only on the last page.
    public var nextCursor: ChangeCursor?

    /// Creates a page.
    public init(items: [PageItem<Record>], nextCursor: ChangeCursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}
