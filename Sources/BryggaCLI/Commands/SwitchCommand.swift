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
        Sets "enabled": \(enables) in the configuration file, changing nothing else in it. The file is \
        checked first and replaced atomically, keeping its mode and (where the user may set them; root \
        always can) its owner and group. A symbolic link is followed: the file it points to is the one \
        replaced, and the link stays. A hard link is not kept: its other names keep the old contents. \
        A run in progress finishes; the next one reads the new setting. Nothing is lost while \
        disabled: the next run after 'brygga enable' picks up every change made meanwhile.
        """
    }

    var signature: CommandSignature { CommandSignature(options: [.config]) }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        let edit = try ConfigurationFileEdit.apply(to: configuration.file) { text in
            configuration.isEnabled == enables ? text : Self.setting(enabled: enables, in: text)
        }
        if let warning = edit.ownershipWarning { context.console.printError("warning: " + warning) }
        let file = edit.target == edit.path ? edit.path : "\(edit.path) → \(edit.target)"
        context.console.print(
            enables
                ? "The integration is enabled (\(file)); 'brygga run' synchronises."
                : "The integration is disabled (\(file)); 'brygga run' does nothing until 'brygga enable'.")
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
