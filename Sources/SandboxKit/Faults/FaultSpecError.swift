/// A fault spec that cannot be parsed, naming the clause, the offending token and what was expected.
public struct FaultSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based position of the clause among the `;`-separated clauses.
    public let clauseNumber: Int
    /// The clause as written.
    public let clause: String
    /// The token that is wrong (empty when something is missing).
    public let token: String
    /// What was expected instead.
    public let expected: String

    /// Creates an error.
    public init(clauseNumber: Int, clause: String, token: String, expected: String) {
        self.clauseNumber = clauseNumber
        self.clause = clause
        self.token = token
        self.expected = expected
    }

    public var description: String {
        let found = token.isEmpty ? "nothing" : "\"\(token)\""
        return "fault spec clause \(clauseNumber) (\"\(clause)\"): found \(found), expected \(expected)"
    }
}
