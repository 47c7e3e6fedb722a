import Foundation
import JSONSupport
import SyncCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ClientSecrets {
    /// Looks the secrets up: each environment variable first, then the secrets file, which is read
    /// only when a variable is unset.
    ///
    /// The file must be a regular file owned by this user with no group or other permission bits, like
    /// ssh requires of private keys; a missing file is not an error (the accessors say what is missing).
    ///
    /// - Parameters:
    ///   - secretsFile: The secrets file (absolute).
    ///   - environment: The environment variables.
    /// - Returns: What was found.
    /// - Throws: ``ConfigurationError`` for an empty variable or an unusable secrets file, never quoting
    ///   a value.
    public static func load(secretsFile: String, environment: [String: String]) throws(ConfigurationError)
        -> ClientSecrets
    {
        var severa = try fromEnvironment(severaVariable, environment)
        var fortnox = try fromEnvironment(fortnoxVariable, environment)
        if severa == .missing || fortnox == .missing, let file = try readSecretsFile(secretsFile) {
            if severa == .missing { severa = file[severaKey] ?? .missing }
            if fortnox == .missing { fortnox = file[fortnoxKey] ?? .missing }
        }
        return ClientSecrets(severa: severa, fortnox: fortnox, secretsFile: secretsFile)
    }

    private static func fromEnvironment(_ variable: String, _ environment: [String: String])
        throws(ConfigurationError) -> Lookup
    {
        guard let value = environment[variable] else { return .missing }
        guard !value.trimmingWhitespace.isEmpty else {
            throw ConfigurationError(
                file: "environment", problem: "\(variable) is set but empty; unset it or give the secret"
            )
        }
        return .found(ClientSecret(value), source: .environment(variable: variable))
    }

    /// The lookups in the secrets file, or `nil` when it does not exist.
    private static func readSecretsFile(_ path: String) throws(ConfigurationError) -> [String: Lookup]? {
        let file: LocalFile
        do {
            file = try LocalFile.read(path)
        } catch {
            if error.code == ENOENT { return nil }
            throw ConfigurationError(file: path, problem: "cannot read the secrets file: \(error.reason)")
        }
        let permissions = file.mode & 0o777
        if permissions & 0o077 != 0 {
            throw ConfigurationError(
                file: path,
                problem: "the secrets file is accessible by others (mode \(String(permissions, radix: 8))); "
                    + "run: chmod 600 \(path)"
            )
        }
        if file.owner != geteuid() {
            throw ConfigurationError(
                file: path,
                problem: "the secrets file is owned by uid \(file.owner), not by this user (uid \(geteuid())); "
                    + "run: chown \(geteuid()) \(path)"
            )
        }
        let document: JSONValue
        do {
            document = try JSONDocument.parse(file.contents, file: path, showsReason: false)
        } catch {
            throw ConfigurationError(error)
        }
        return try lookups(in: document, file: path)
    }

    /// The secrets in a parsed secrets file; type errors name the key, never the value.
    private static func lookups(in document: JSONValue, file: String) throws(ConfigurationError) -> [String: Lookup] {
        guard case .object(let members) = document else {
            throw ConfigurationError(
                file: file,
                problem: "expected an object like {\"\(severaKey)\": \"…\", \"\(fortnoxKey)\": \"…\"}"
            )
        }
        var lookups: [String: Lookup] = [:]
        for key in members.keys.sorted() {
            guard key == severaKey || key == fortnoxKey else {
                var problem = "unknown key; expected \"\(severaKey)\" or \"\(fortnoxKey)\""
                if let suggestion = NameSuggestion.closest(to: key, among: [severaKey, fortnoxKey]) {
                    problem = "unknown key; did you mean \"\(suggestion)\"?"
                }
                throw ConfigurationError(file: file, keyPath: key, problem: problem)
            }
            guard let value = members[key], !value.isNull else { continue }
            guard let text = value.stringValue, !text.trimmingWhitespace.isEmpty else {
                throw ConfigurationError(file: file, keyPath: key, problem: "expected the secret as a non-empty string")
            }
            if text == ConfigurationScreening.placeholder {
                lookups[key] = .placeholder(file: file)
            } else {
                lookups[key] = .found(ClientSecret(text), source: .secretsFile(path: file))
            }
        }
        return lookups
    }
}
