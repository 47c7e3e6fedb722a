/// A request path pattern where `*` matches any run of characters, `/` included: `/3/customers/*`
/// matches `/3/customers/42` and `/3/customers/42/x`; `*` alone matches every path.
///
/// Patterns compare with the path as received (still percent-encoded), without the query.
public struct PathPattern: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let text: String
    private let bytes: [UInt8]

    /// Creates a pattern.
    public init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// Whether `path` matches (glob matching with backtracking to the last `*`).
    public func matches(_ path: String) -> Bool {
        let star = UInt8(ascii: "*")
        let subject = Array(path.utf8)
        var patternIndex = 0
        var subjectIndex = 0
        var lastStar: Int?
        var resumeAt = 0
        while subjectIndex < subject.count {
            if patternIndex < bytes.count, bytes[patternIndex] == star {
                lastStar = patternIndex
                patternIndex += 1
                resumeAt = subjectIndex
            } else if patternIndex < bytes.count, bytes[patternIndex] == subject[subjectIndex] {
                patternIndex += 1
                subjectIndex += 1
            } else if let lastStar {
                patternIndex = lastStar + 1
                resumeAt += 1
                subjectIndex = resumeAt
            } else {
                return false
            }
        }
        while patternIndex < bytes.count, bytes[patternIndex] == star { patternIndex += 1 }
        return patternIndex == bytes.count
    }

    public var description: String { text }
}
