import JSONSupport
import SyncCore

/// Checks on the whole configuration document made before it is decoded: keys that look like secrets,
/// and placeholders left by `brygga init`.
enum ConfigurationScreening {
    /// The value `brygga init` writes where the operator must fill something in.
    static let placeholder = "REPLACE-ME"

    /// Key endings that mark a secret (compared lower-cased, without `_` and `-`).
    private static let secretKeyEndings = ["secret", "password", "passwd", "token", "apikey", "privatekey"]

    /// Refuses any key, at any depth, that looks like it holds a secret.
    ///
    /// - Throws: ``JSONDocumentError`` naming the key and where secrets go instead; the value is not shown.
    static func refuseSecrets(in document: JSONValue, file: String) throws(JSONDocumentError) {
        for (path, key, _) in members(of: document, at: .root) where looksSecret(key) {
            let side = path.description.lowercased()
            let variables: String
            if side.hasPrefix("fortnox") {
                variables = "set \(ClientSecrets.fortnoxVariable) or put \"fortnoxClientSecret\""
            } else if side.hasPrefix("severa") {
                variables = "set \(ClientSecrets.severaVariable) or put \"severaClientSecret\""
            } else {
                variables = "set \(ClientSecrets.severaVariable) / \(ClientSecrets.fortnoxVariable) or put them"
            }
            throw JSONDocumentError(
                file: file,
                keyPath: path.appending(key).description,
                problem: "secrets do not belong in the configuration file; remove this key, then \(variables) "
                    + "in the secrets file (key \"secretsFile\", default brygga.secrets, mode 0600)"
            )
        }
    }

    /// Refuses a document that still holds `brygga init`'s placeholder, listing every key to fill in.
    static func refusePlaceholders(in document: JSONValue, file: String) throws(JSONDocumentError) {
        let unfilled = members(of: document, at: .root)
            .filter { $0.value.stringValue?.contains(placeholder) == true }
            .map { $0.path.appending($0.key).description }
            .sorted()
        guard let first = unfilled.first else { return }
        var problem = "fill in this value (it is still the placeholder \"\(placeholder)\" from 'brygga init')"
        if unfilled.count > 1 { problem += "; also fill in " + unfilled.dropFirst().joined(separator: ", ") }
        throw JSONDocumentError(file: file, keyPath: first, problem: problem)
    }

    /// Whether `key` names a secret, e.g. `clientSecret`, `refresh_token`, `password`.
    static func looksSecret(_ key: String) -> Bool {
        let normalized = key.lowercased().filter { $0 != "_" && $0 != "-" }
        return secretKeyEndings.contains { normalized.hasSuffix($0) }
    }

    /// Every object member in `value` and below: the object's path, the key and the member's value.
    private static func members(of value: JSONValue, at path: JSONKeyPath) -> [(
        path: JSONKeyPath, key: String, value: JSONValue
    )] {
        switch value {
        case .object(let members):
            return members.sorted { $0.key < $1.key }.flatMap { key, member in
                [(path, key, member)] + Self.members(of: member, at: path.appending(key))
            }
        case .array(let elements):
            return elements.enumerated().flatMap { index, element in
                Self.members(of: element, at: path.appending(index: index))
            }
        default:
            return []
        }
    }
}
