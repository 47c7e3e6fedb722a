/// The pre-flight check of products (R1.4): whether every PM product has a counterpart on the accounting
/// side with the same code and name, or none at all, and the other way round.
///
/// A pair that matches on code only or on name only is what R1.1 refuses to merge; the integration
/// should not be activated while ``isConsistent`` is false.
public struct ProductMatchReport: Sendable, Hashable {
    /// One product as the report lists it.
    public struct Item: Sendable, Hashable {
        /// The side it is on.
        public var side: SystemSide
        /// Its id on that side.
        public var id: String
        /// Its code (article number).
        public var code: String
        /// Its name.
        public var name: String

        /// Creates an item.
        public init(side: SystemSide, id: String, code: String, name: String) {
            self.side = side
            self.id = id
            self.code = code
            self.name = name
        }
    }

    /// A PM product and an accounting product that belong together (or clash).
    public struct Pair: Sendable, Hashable {
        /// The PM product.
        public var pm: Item
        /// The accounting product.
        public var accounting: Item

        /// Creates a pair.
        public init(pm: Item, accounting: Item) {
            self.pm = pm
            self.accounting = accounting
        }
    }

    /// A listed product that could not be read.
    public struct Unreadable: Sendable, Hashable {
        /// The side it is on.
        public var side: SystemSide
        /// What is known of it and why it could not be read.
        public var record: UnreadableRecord

        /// Creates an entry.
        public init(side: SystemSide, record: UnreadableRecord) {
            self.side = side
            self.record = record
        }
    }

    /// Products with the same code and name on both sides: they will be linked.
    public var pairs: [Pair] = []
    /// Same code, different names (R1.1 conflict).
    public var codeMismatches: [Pair] = []
    /// Same name, different codes (R1.1 conflict).
    public var nameMismatches: [Pair] = []
    /// PM products with no counterpart: they will be created on the accounting side.
    public var onlyInPM: [Item] = []
    /// Accounting products with no counterpart: they will be created on the PM side.
    public var onlyInAccounting: [Item] = []
    /// Products whose code is empty or not numeric (R1.2): they will not be transferred.
    public var invalidCodes: [Item] = []
    /// Listed products that could not be read.
    public var unreadable: [Unreadable] = []

    /// Creates an empty report.
    public init() {}

    /// Whether no product matches on code only or name only, so the flow can be activated (R1.4).
    public var isConsistent: Bool { codeMismatches.isEmpty && nameMismatches.isEmpty }
}
