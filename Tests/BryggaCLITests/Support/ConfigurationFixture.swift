import BryggaCLI
import JSONSupport

/// Configuration documents for tests.
enum ConfigurationFixture {
    /// The smallest valid configuration: only the mandatory values.
    static let minimal: JSONValue = [
        "version": 1,
        "severa": ["clientID": "severa-client"],
        "fortnox": ["clientID": "fortnox-client", "redirectURI": "https://brygga.example.com/callback"],
    ]

    /// A configuration that sets every key to something other than its default.
    static let full: JSONValue = [
        "version": 1,
        "enabled": false,
        "stateDatabase": "state/sync.sqlite",
        "secretsFile": "/etc/brygga/secrets.json",
        "severa": [
            "baseURL": "https://api.severa.stage.visma.com/rest-api/",
            "clientID": "severa-client",
            "scopes": ["customers:read", "settings:read"],
            "rateLimit": ["requests": 8, "perSeconds": 2],
        ],
        "fortnox": [
            "apiBaseURL": "http://127.0.0.1:8080",
            "authBaseURL": "http://localhost:8081",
            "clientID": "fortnox-client",
            "redirectURI": "https://brygga.example.com/callback",
            "scopes": ["customer"],
            "rateLimit": ["requests": 20, "perSeconds": 5],
            "timeZone": "Europe/Helsinki",
        ],
        "flows": ["products": false, "customers": true, "projects": false],
        "masters": ["products": "fortnox", "customers": "fortnox"],
        "mappings": "../mappings-override.json",
    ]

    /// `document` with the value at `path` replaced (or removed when `value` is `nil`).
    static func setting(_ path: [String], to value: JSONValue?, in document: JSONValue) -> JSONValue {
        guard let key = path.first, case .object(var members) = document else { return value ?? .null }
        if path.count == 1 {
            members[key] = value
        } else {
            members[key] = setting(Array(path.dropFirst()), to: value, in: members[key] ?? [:])
        }
        return .object(members)
    }

    /// `minimal` with the value at the dotted `path` replaced (or removed for `nil`).
    static func minimal(setting path: String, to value: JSONValue?) -> JSONValue {
        setting(path.split(separator: ".").map(String.init), to: value, in: minimal)
    }
}

extension TemporaryDirectory {
    /// Writes `document` as `name` and returns its path.
    @discardableResult
    func writeJSON(_ document: JSONValue, to name: String = "brygga.json") throws -> String {
        try write(JSONSerializer.string(document), to: name)
    }

    /// Writes `document` as brygga.json and loads it.
    func loadConfiguration(_ document: JSONValue) throws -> BryggaConfiguration {
        try ConfigurationLoader.load(path: writeJSON(document))
    }
}

extension JSONValue {
    /// ``ConfigurationFixture/minimal`` with the value at the dotted `path` replaced (or removed for `nil`).
    static func minimal(setting path: String, to value: JSONValue?) -> JSONValue {
        ConfigurationFixture.minimal(setting: path, to: value)
    }
}
