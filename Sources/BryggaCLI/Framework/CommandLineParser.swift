import SyncCore

/// Splits a command's arguments into options and positionals according to its ``CommandSignature``.
///
/// Accepts `--flag`, `--name value`, `--name=value`, repeated options and `--`, after which everything
/// is positional. A lone `-` is positional (conventionally standard input). A value that starts with
/// `-` must be written `--name=-value`, so a forgotten value is reported rather than swallowing the
/// next option.
package enum CommandLineParser {
    /// Parses `arguments` (without the command names).
    ///
    /// - Parameters:
    ///   - arguments: The words after the command's name.
    ///   - signature: What the command accepts.
    ///   - commandPath: The command's names, e.g. `["brygga", "init"]`, for error hints.
    /// - Returns: The parsed options and positionals.
    /// - Throws: ``UsageError`` naming the option or argument and what was expected.
    package static func parse(_ arguments: [String], signature: CommandSignature, commandPath: [String])
        throws(UsageError) -> ParsedArguments
    {
        func fail(_ message: String) -> UsageError { UsageError(message, commandPath: commandPath) }
        var flags: Set<String> = []
        var values: [String: [String]] = [:]
        var words: [String] = []
        var index = 0
        var onlyPositionals = false
        while index < arguments.count {
            let word = arguments[index]
            index += 1
            if onlyPositionals || word == "-" || !word.hasPrefix("-") {
                words.append(word)
                continue
            }
            if word == "--" {
                onlyPositionals = true
                continue
            }
            let body = word.hasPrefix("--") ? word.dropFirst(2) : word.dropFirst()
            let name = String(body.prefix { $0 != "=" })
            let inlineValue = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
            guard word.hasPrefix("--"), let option = signature.option(named: name) else {
                throw fail(unknownOption(word, name: name, signature: signature))
            }
            switch option.kind {
            case .flag:
                if let inlineValue { throw fail("option --\(name) takes no value, found \"\(inlineValue)\"") }
                flags.insert(name)
            case .single, .repeated:
                let value: String
                if let inlineValue {
                    value = inlineValue
                } else if index < arguments.count, !looksLikeOption(arguments[index]) {
                    value = arguments[index]
                    index += 1
                } else {
                    throw fail("option --\(name) expects a value (\(option.valueName))")
                }
                if value.isEmpty { throw fail("option --\(name) expects a value (\(option.valueName)), found \"\"") }
                if option.kind == .single, values[name] != nil {
                    throw fail("option --\(name) is given more than once")
                }
                values[name, default: []].append(value)
            }
        }
        for option in signature.options where option.isRequired && values[option.name] == nil {
            throw fail("missing option --\(option.name) \(option.valueName)")
        }
        let positionals = try assign(words, to: signature.positionals, fail: fail)
        return ParsedArguments(
            commandPath: commandPath, signature: signature, flags: flags, values: values, positionals: positionals
        )
    }

    /// Whether `word` would be read as an option rather than a value.
    private static func looksLikeOption(_ word: String) -> Bool {
        word.hasPrefix("-") && word != "-"
    }

    /// The message for an unknown option, with a suggestion when one is close.
    private static func unknownOption(_ word: String, name: String, signature: CommandSignature) -> String {
        let known = signature.options.map(\.name) + ["help"]
        var message = "unknown option \(word.prefix { $0 != "=" })"
        if let suggestion = NameSuggestion.closest(to: name, among: known) {
            message += " (did you mean --\(suggestion)?)"
        }
        return message
    }

    /// Hands the positional words to the declared positionals in order.
    private static func assign(
        _ words: [String], to specs: [PositionalSpec], fail: (String) -> UsageError
    ) throws(UsageError) -> [String: [String]] {
        var assigned: [String: [String]] = [:]
        var remaining = words[...]
        for spec in specs {
            switch spec.arity {
            case .required:
                guard let word = remaining.popFirst() else { throw fail("missing argument \(spec.name)") }
                assigned[spec.name] = [word]
            case .optional:
                if let word = remaining.popFirst() { assigned[spec.name] = [word] }
            case .variadic:
                assigned[spec.name] = Array(remaining)
                remaining = []
            }
        }
        if let extra = remaining.first { throw fail("unexpected argument \"\(extra)\"") }
        return assigned
    }
}
