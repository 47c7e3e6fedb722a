/// Sample data an emulator refused: a bug in the generator, since every generated record (the
/// deliberately bad ones included) is one the APIs accept.
public struct SampleDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The record, e.g. `customer 10001 (Björkdal Bygg AB) in Severa`.
    public let record: String
    /// Why, as the emulator said it.
    public let reason: String

    /// Creates an error.
    public init(record: String, reason: String) {
        self.record = record
        self.reason = reason
    }

    public var description: String { "cannot generate sample data: \(record): \(reason)" }
}
