/// A command's parsed command line: which flags are set, the options' values and the positionals.
///
/// Asking for a name the command did not declare is a programming error and stops the process.
public struct ParsedArguments: Sendable {
    /// The command's names, e.g. `["brygga", "init"]`.
    public let commandPath: [String]
    /// What the command declared.
    public let signature: CommandSignature
    private let flags: Set<String>
    private let optionValues: [String: [String]]
    private let positionalValues: [String: [String]]

    /// Creates parsed arguments (done by ``CommandLineParser``).
    package init(
        commandPath: [String], signature: CommandSignature, flags: Set<String>, values: [String: [String]],
        positionals: [String: [String]]
    ) {
        self.commandPath = commandPath
        self.signature = signature
        self.flags = flags
        self.optionValues = values
        self.positionalValues = positionals
    }

    /// Whether the flag `--name` was given.
    public func flag(_ name: String) -> Bool {
        checkDeclared(name, as: .flag)
        return flags.contains(name)
    }

    /// The value of the single-valued option `--name`, if given.
    public func value(_ name: String) -> String? {
        checkDeclared(name, as: .single)
        return optionValues[name]?.last
    }

    /// Every value of the repeated option `--name`, in order.
    public func values(_ name: String) -> [String] {
        checkDeclared(name, as: .repeated)
        return optionValues[name] ?? []
    }

    /// The positional argument `name` (a required or optional one), if given.
    public func positional(_ name: String) -> String? {
        checkDeclaredPositional(name)
        return positionalValues[name]?.first
    }

    /// The values of the variadic positional `name`.
    public func positionals(_ name: String) -> [String] {
        checkDeclaredPositional(name)
        return positionalValues[name] ?? []
    }

    /// The value of `--name` converted by `convert`, or `nil` when the option was not given.
    ///
    /// - Parameters:
    ///   - name: A single-valued option.
    ///   - expectation: What a valid value is, e.g. "a positive integer".
    ///   - convert: Returns `nil` for an invalid value.
    /// - Returns: The converted value, or `nil` when the option was not given.
    /// - Throws: ``UsageError`` "option --name expects <expectation>, found "<value>"".
    public func value<Value>(_ name: String, expected expectation: String, _ convert: (String) -> Value?)
        throws(UsageError) -> Value?
    {
        guard let text = value(name) else { return nil }
        guard let converted = convert(text) else {
            throw UsageError("option --\(name) expects \(expectation), found \"\(text)\"", commandPath: commandPath)
        }
        return converted
    }

    /// The value of `--name` as an integer in `range`, or `nil` when not given.
    ///
    /// - Throws: ``UsageError`` when it is not a whole number in `range`.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        try value(name, expected: "a whole number from \(range.lowerBound) to \(range.upperBound)") { text in
            Int(text).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    /// The value of `--name`, which must be one of `choices`, or `nil` when not given.
    ///
    /// - Throws: ``UsageError`` listing the choices.
    public func choice(_ name: String, among choices: [String]) throws(UsageError) -> String? {
        let listed = choices.map { "\"\($0)\"" }.joined(separator: ", ")
        return try value(name, expected: "one of \(listed)") { choices.contains($0) ? $0 : nil }
    }

    private func checkDeclared(_ name: String, as kind: OptionSpec.Kind) {
        precondition(
            signature.option(named: name)?.kind == kind,
            "\(commandPath.joined(separator: " ")) reads option --\(name) that it does not declare as \(kind)"
        )
    }

    private func checkDeclaredPositional(_ name: String) {
        precondition(
            signature.positionals.contains { $0.name == name },
            "\(commandPath.joined(separator: " ")) reads positional \(name) that it does not declare"
        )
    }
}
