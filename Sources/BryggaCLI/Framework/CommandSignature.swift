/// An option a command accepts: `--name`, `--name VALUE` or `--name=VALUE`.
public struct OptionSpec: Sendable, Hashable {
    /// How an option takes values.
    public enum Kind: Sendable, Hashable {
        /// A switch without a value, e.g. `--force`.
        case flag
        /// One value; giving the option twice is an error.
        case single
        /// Any number of values, one per occurrence, e.g. `--entity a --entity b`.
        case repeated
    }

    /// The name without dashes, e.g. `config`.
    public let name: String
    /// How it takes values.
    public let kind: Kind
    /// The value's placeholder in help, e.g. `PATH`; empty for flags.
    public let valueName: String
    /// One or two sentences for the help text.
    public let help: String
    /// Whether the command cannot run without it.
    public let isRequired: Bool

    /// A switch, e.g. `--force`.
    public static func flag(_ name: String, help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .flag, valueName: "", help: help, isRequired: false)
    }

    /// An option with one value, e.g. `--config PATH`.
    public static func single(_ name: String, valueName: String, help: String, required: Bool = false) -> OptionSpec {
        OptionSpec(name: name, kind: .single, valueName: valueName, help: help, isRequired: required)
    }

    /// An option that may be given several times, e.g. `--entity NAME`.
    public static func repeated(_ name: String, valueName: String, help: String) -> OptionSpec {
        OptionSpec(name: name, kind: .repeated, valueName: valueName, help: help, isRequired: false)
    }

    /// `--name` or `--name VALUE`, as the usage line and option list show it.
    public var synopsis: String {
        kind == .flag ? "--\(name)" : "--\(name) \(valueName)"
    }
}

/// A positional argument a command accepts.
public struct PositionalSpec: Sendable, Hashable {
    /// How many values it takes.
    public enum Arity: Sendable, Hashable {
        /// Exactly one.
        case required
        /// Zero or one.
        case optional
        /// Zero or more; only the last positional may be variadic.
        case variadic
    }

    /// The placeholder, e.g. `COMMAND`.
    public let name: String
    /// How many values it takes.
    public let arity: Arity
    /// One or two sentences for the help text.
    public let help: String

    /// Creates a positional argument.
    public init(_ name: String, arity: Arity = .required, help: String) {
        self.name = name
        self.arity = arity
        self.help = help
    }

    /// `NAME`, `[NAME]` or `[NAME ...]`, as the usage line shows it.
    public var synopsis: String {
        switch arity {
        case .required: name
        case .optional: "[\(name)]"
        case .variadic: "[\(name) ...]"
        }
    }
}

/// Everything a command accepts on its command line.
public struct CommandSignature: Sendable, Hashable {
    /// The options, in the order help lists them.
    public var options: [OptionSpec]
    /// The positional arguments, in order; optional ones after required ones, a variadic one last.
    public var positionals: [PositionalSpec]

    /// Creates a signature.
    public init(options: [OptionSpec] = [], positionals: [PositionalSpec] = []) {
        self.options = options
        self.positionals = positionals
    }

    /// The option named `name`, if declared.
    public func option(named name: String) -> OptionSpec? {
        options.first { $0.name == name }
    }

    /// Why the signature cannot be parsed unambiguously, or `nil` when it is sound (checked by a test
    /// for every registered command).
    package var problem: String? {
        let names = options.map(\.name) + positionals.map(\.name)
        if Set(names).count != names.count { return "a name is declared twice" }
        if options.contains(where: { $0.name == "help" }) { return "--help is reserved" }
        var seenOptional = false
        for (index, positional) in positionals.enumerated() {
            switch positional.arity {
            case .required where seenOptional: return "required \(positional.name) follows an optional one"
            case .variadic where index != positionals.count - 1: return "variadic \(positional.name) is not last"
            case .optional, .variadic: seenOptional = true
            case .required: break
            }
        }
        return nil
    }
}
