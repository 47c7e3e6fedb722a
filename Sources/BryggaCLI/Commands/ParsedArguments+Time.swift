import Foundation

extension ParsedArguments {
    /// The instant `--name` names (``TimeArgument``), or `nil` when the option was not given.
    ///
    /// - Parameters:
    ///   - name: A single-valued option.
    ///   - reader: The zone for times without one, and the time ages count back from.
    ///   - endOfDay: Whether a bare date means the end of that day.
    /// - Returns: The instant, or `nil` when the option was not given.
    /// - Throws: ``UsageError`` naming the option, the value and the accepted forms.
    func instant(_ name: String, reader: TimeArgument, endOfDay: Bool = false) throws(UsageError) -> Date? {
        guard let text = value(name) else { return nil }
        do {
            return try reader.instant(text, endOfDay: endOfDay)
        } catch {
            let detail = error.detail.map { ": \($0)" } ?? ""
            throw UsageError(
                "option --\(name) expects \(TimeArgument.forms), found \"\(text)\"\(detail)", commandPath: commandPath)
        }
    }

    /// The length of the age `--name` gives (``TimeArgument/age(_:)``), or `nil` when not given.
    ///
    /// - Throws: ``UsageError`` naming the option, the value and the accepted forms.
    func age(_ name: String) throws(UsageError) -> TimeInterval? {
        try value(name, expected: TimeArgument.ageForms) { TimeArgument.age($0) }
    }
}
