import Foundation
import JSONSupport
import SyncCore

/// Reads and validates `brygga.json` and the mapping override file it names.
///
/// ```swift
/// let configuration = try ConfigurationLoader.load(path: "/etc/brygga/brygga.json")
/// let secrets = try ClientSecrets.load(secretsFile: configuration.secretsFilePath, environment: env)
/// let oauth = try configuration.fortnox.oauthConfiguration(secret: secrets.fortnox())
/// ```
public enum ConfigurationLoader {
    /// Loads the configuration at `path`.
    ///
    /// Order of checks: the file is read and parsed (errors give line and column); keys that look like
    /// secrets are refused; placeholders from `brygga init` are refused (all listed); then every key is
    /// decoded, unknown keys first; then the mapping override file is read and merged.
    ///
    /// - Parameter path: The configuration file (absolute).
    /// - Returns: The validated configuration with defaults filled in and paths made absolute.
    /// - Throws: ``ConfigurationError`` naming the file, the key path and what was expected versus found.
    public static func load(path: String) throws(ConfigurationError) -> BryggaConfiguration {
        let document = try parse(
            path, missingHint: "; run 'brygga init' to create one", usualName: BryggaConfiguration.defaultFileName)
        var configuration: BryggaConfiguration
        do {
            try ConfigurationScreening.refuseSecrets(in: document, file: path)
            try ConfigurationScreening.refusePlaceholders(in: document, file: path)
            configuration = try ConfigurationDecoder(file: path, directory: POSIX.directory(of: path)).decode(document)
        } catch {
            throw ConfigurationError(error)
        }
        if let overridePath = configuration.mappingsOverridePath {
            let overrideDocument = try parse(
                overridePath, missingHint: " (named by \"mappings\" in \(path))", usualName: nil)
            do {
                let override = try MappingOverride.decode(overrideDocument, file: overridePath)
                configuration.mappings = try configuration.mappings.applying(override)
            } catch {
                throw ConfigurationError(error)
            }
        }
        return configuration
    }

    /// Reads and parses a JSON file.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - missingHint: Added to the message when the file does not exist.
    ///   - usualName: The file's usual name; when `path` is a directory holding a file of that name,
    ///     the message suggests it.
    /// - Returns: The parsed document.
    /// - Throws: ``ConfigurationError`` naming the file and what is wrong with it.
    private static func parse(_ path: String, missingHint: String, usualName: String?) throws(ConfigurationError)
        -> JSONValue
    {
        let file: LocalFile
        do {
            file = try LocalFile.read(path)
        } catch {
            var hint = error.code == ENOENT ? missingHint : ""
            let inside = (path.hasSuffix("/") ? String(path.dropLast()) : path) + "/" + (usualName ?? "")
            if error.code == EISDIR, usualName != nil, access(inside, F_OK) == 0 { hint = "; did you mean \(inside)?" }
            throw ConfigurationError(file: path, problem: "cannot read: \(error.reason)\(hint)")
        }
        do {
            return try JSONDocument.parse(file.contents, file: path)
        } catch {
            throw ConfigurationError(error)
        }
    }
}
