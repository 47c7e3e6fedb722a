extension OptionSpec {
    /// `--config PATH`, the option every command that reads the configuration declares.
    public static let config = OptionSpec.single(
        "config", valueName: "PATH",
        help: "The configuration file (default: ./\(BryggaConfiguration.defaultFileName))."
    )
}

extension CommandContext {
    /// The absolute configuration path: `--config`, else `brygga.json` in the working directory.
    ///
    /// - Parameter arguments: Arguments of a command that declares ``OptionSpec/config``.
    /// - Returns: The absolute path.
    public func configurationPath(_ arguments: ParsedArguments) -> String {
        absolutePath(arguments.value(OptionSpec.config.name) ?? BryggaConfiguration.defaultFileName)
    }

    /// Loads and validates the configuration named by `--config` (see ``ConfigurationLoader``).
    ///
    /// - Throws: ``ConfigurationError`` (exit 78).
    public func loadConfiguration(_ arguments: ParsedArguments) throws(ConfigurationError) -> BryggaConfiguration {
        try ConfigurationLoader.load(path: configurationPath(arguments))
    }

    /// Looks up the client secrets for `configuration` in this context's environment and secrets file.
    ///
    /// - Throws: ``ConfigurationError`` (exit 78) for an unusable secrets file.
    public func loadSecrets(for configuration: BryggaConfiguration) throws(ConfigurationError) -> ClientSecrets {
        try ClientSecrets.load(secretsFile: configuration.secretsFilePath, environment: environment)
    }
}
