/// `--name value` options and `--flag` switches of a benchmark.
struct BenchmarkOptions {
    private var values: [String: String] = [:]
    private var setFlags: Set<String> = []

    /// Parses `arguments`, accepting only `allowed` option names (each followed by a value, or given
    /// as `--name=value`) and `flags` (given alone).
    ///
    /// - Throws: ``BenchmarkError`` (usage) for unknown options, missing values and stray arguments.
    init(parsing arguments: [String], allowed: Set<String>, flags: Set<String> = []) throws(BenchmarkError) {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            guard argument.hasPrefix("--") else { throw .usage("unexpected argument \"\(argument)\"") }
            if flags.contains(String(argument.dropFirst(2))) {
                setFlags.insert(String(argument.dropFirst(2)))
                continue
            }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard allowed.contains(name) else { throw .usage("unknown option --\(name)") }
            if value == nil { value = remaining.popFirst() }
            guard let value else { throw .usage("--\(name) needs a value") }
            values[name] = value
        }
    }

    /// Whether the switch `--name` was given.
    func flag(_ name: String) -> Bool {
        setFlags.contains(name)
    }

    /// The text given for `name`, or `nil`.
    func text(_ name: String) -> String? {
        values[name]
    }

    /// The positive integer given for `name`, or `defaultValue`.
    ///
    /// - Throws: ``BenchmarkError`` (usage) when the value is not an integer within `range`.
    func integer(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws(BenchmarkError) -> Int {
        guard let text = values[name] else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw .usage(
                "--\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(text)\"")
        }
        return value
    }
}
