import Foundation

/// `brygga enable` and `brygga disable`: switch the integration on or off (O2) by setting
/// `"enabled"` in the configuration file, leaving the rest of the file as it is.
struct SwitchCommand: Command {
    /// Whether this command enables (or disables) the integration.
    let enables: Bool

    var name: String { enables ? "enable" : "disable" }
    var summary: String {
        enables
            ? "Switch the integration on: 'brygga run' synchronises again (O2)."
            : "Switch the integration off: 'brygga run' does nothing and says so (O2)."
    }
    var discussion: String {
        """
        Sets "enabled": \(enables) in the configuration file, changing nothing else in it (the file \
        is checked first and rewritten atomically, mode 0600). A run in progress finishes; the next \
        one reads the new setting. Nothing is lost while disabled: the next run after 'brygga enable' \
        picks up every change made meanwhile.
        """
    }

    var signature: CommandSignature { CommandSignature(options: [.config]) }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        let path = configuration.file
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure(.ioError, "cannot read \(path): \(error.localizedDescription)")
        }
        if configuration.isEnabled != enables {
            try AtomicFileWriter.write(Data(Self.setting(enabled: enables, in: text).utf8), to: path, replacing: true)
        }
        context.console.print(
            enables
                ? "The integration is enabled (\(path)); 'brygga run' synchronises."
                : "The integration is disabled (\(path)); 'brygga run' does nothing until 'brygga enable'.")
        return .success
    }

    /// `text` with its top-level `"enabled"` set to `enabled`, or the member added after the opening
    /// brace when the file has none. The loader refuses unknown keys, so `"enabled"` can only be the
    /// top-level member.
    static func setting(enabled: Bool, in text: String) -> String {
        let value = enabled ? "true" : "false"
        if let member = text.range(of: #""enabled"\s*:\s*(true|false)"#, options: .regularExpression),
            let literal = text.range(of: #"(true|false)$"#, options: .regularExpression, range: member)
        {
            return text.replacingCharacters(in: literal, with: value)
        }
        guard let brace = text.firstIndex(of: "{") else { return text }
        return text.replacingCharacters(in: brace...brace, with: "{\n  \"enabled\": \(value),")
    }
}
