/// A failure of the state store, with a message an operator can act on.
public struct StateStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Hashable {
            case corrupt
            case newerSchema
            case cannotOpen
            case busy
            case failed
        }

        private let value: Value

        /// The file is not a Brygga state database or is damaged; it is left untouched.
        public static let corrupt = Kind(value: .corrupt)
        /// The database was written by a newer Brygga; it is left untouched.
        public static let newerSchema = Kind(value: .newerSchema)
        /// The file cannot be opened or created (path, permissions).
        public static let cannotOpen = Kind(value: .cannotOpen)
        /// Another process holds the database for longer than the busy timeout.
        public static let busy = Kind(value: .busy)
        /// A statement failed.
        public static let failed = Kind(value: .failed)

        public var description: String { value.rawValue }
    }

    /// The class of failure.
    public let kind: Kind
    /// The database file.
    public let path: String
    /// What went wrong and what to do; never contains bound values (they may be secrets).
    public let message: String

    /// Creates an error.
    public init(kind: Kind, path: String, message: String) {
        self.kind = kind
        self.path = path
        self.message = message
    }

    public var description: String { "state database \(path): \(message)" }
}
