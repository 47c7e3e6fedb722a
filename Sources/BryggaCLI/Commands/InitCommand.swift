import Foundation

/// `brygga init`: writes a starting configuration and secrets file.
struct InitCommand: Command {
    let name = "init"
    let summary = "Write a starting configuration file and secrets file."
    let discussion = """
        Writes brygga.json with every key present, set to its default or to the placeholder \
        "REPLACE-ME" where you must fill something in, and with "enabled": false so that no run \
        does anything before you have set it up. Also writes the secrets file (brygga.secrets \
        next to it) unless it exists. Both files are created with mode 0600.

        An existing configuration is never replaced without --force; an existing secrets file is \
        never replaced.
        """

    var signature: CommandSignature {
        CommandSignature(options: [
            .config,
            .flag("force", help: "Replace an existing configuration file (never the secrets file)."),
        ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configurationPath = context.configurationPath(arguments)
        let secretsPath = POSIX.directory(of: configurationPath) + "/" + ConfigurationDefaults.secretsFile
        // Not `catch where`: with typed throws it crashes swift-frontend 6.3.1 (MandatoryAllocBoxToStack).
        do {
            try AtomicFileWriter.write(
                Data(ConfigurationTemplate.configuration.utf8), to: configurationPath,
                replacing: arguments.flag("force")
            )
        } catch {
            guard error.alreadyExists else { throw error }
            throw CommandFailure(
                .cannotCreate, "\(configurationPath) already exists; pass --force to replace it"
            )
        }
        let console = context.console
        console.print("Wrote \(configurationPath) (mode 0600).")
        do {
            try AtomicFileWriter.write(Data(ConfigurationTemplate.secrets.utf8), to: secretsPath, replacing: false)
            console.print("Wrote \(secretsPath) (mode 0600).")
        } catch {
            guard error.alreadyExists else { throw error }
            console.print("Kept the existing \(secretsPath).")
        }
        printNextSteps(configurationPath: configurationPath, secretsPath: secretsPath, arguments, console)
        return .success
    }

    private func printNextSteps(
        configurationPath: String, secretsPath: String, _ arguments: ParsedArguments, _ console: any Console
    ) {
        let option = arguments.value(OptionSpec.config.name) == nil ? "" : " --config \(configurationPath)"
        let keys = ConfigurationTemplate.placeholderKeys
        let steps = [
            "Fill in \(keys.dropLast().joined(separator: ", ")) and \(keys.last ?? "") in \(configurationPath).",
            "Put the client secrets in \(secretsPath), or set \(ClientSecrets.severaVariable) and "
                + "\(ClientSecrets.fortnoxVariable) (the environment wins).",
            "Run 'brygga auth fortnox\(option)' as the Fortnox administrator to authorise Brygga.",
            "Put the addresses that must hear about failures in notify.to (strongly recommended, O5) and "
                + "run 'brygga notify test\(option)'.",
            "Run 'brygga check\(option)' to test the configuration and the connections.",
            "Set \"enabled\": true and schedule 'brygga run\(option)' in cron.",
        ]
        console.print("\nNext steps:")
        for (number, step) in steps.enumerated() {
            let lines = TextLayout.wrap(step, indent: 5)
            console.print("  \(number + 1). " + lines[0].dropFirst(5))
            for line in lines.dropFirst() { console.print(line) }
        }
    }
}
