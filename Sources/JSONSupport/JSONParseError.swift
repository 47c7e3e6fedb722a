/// Why a byte sequence is not a JSON document, with the byte offset where parsing stopped.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One step on the way to a value: an object's key or an array's index.
    public enum PathComponent: Sendable, Equatable {
        /// An object member.
        case key(String)
        /// An array element (zero-based).
        case index(Int)
    }

    /// A key that appears twice in one object (only reported with
    /// ``JSONParser/Options/rejectsDuplicateKeys``).
    public struct DuplicateKey: Sendable, Equatable {
        /// The path of the repeated key, the key itself last.
        public let path: [PathComponent]
        /// Zero-based byte offset of the key's first occurrence.
        public let firstOffset: Int

        /// The path written as `fortnox.rateLimit.requests` or `units.h.aliases[2]`.
        public var keyPath: String {
            var text = ""
            for component in path {
                switch component {
                case .key(let key): text += text.isEmpty ? key : "." + key
                case .index(let index): text += "[\(index)]"
                }
            }
            return text
        }
    }

    /// Zero-based byte offset of the problem.
    public let offset: Int
    /// What was wrong, e.g. "expected ':' after an object key".
    public let reason: String
    /// The repeated key, when that is the problem.
    public let duplicateKey: DuplicateKey?

    /// Creates an error for `reason` at `offset`.
    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
        self.duplicateKey = nil
    }

    /// Creates the error for a key at `offset` that already appeared at `firstOffset` in the same object.
    public init(duplicateKey path: [PathComponent], at offset: Int, firstAt firstOffset: Int) {
        let duplicate = DuplicateKey(path: path, firstOffset: firstOffset)
        self.offset = offset
        self.reason = "duplicate key \"\(duplicate.keyPath)\"; a key may appear only once in an object"
        self.duplicateKey = duplicate
    }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}
