public import Foundation
public import JSONSupport

/// What `brygga sandbox serve --ready-file FILE` writes once both servers listen: where the APIs are,
/// in the shape Brygga's configuration expects, the credentials, a fresh Fortnox authorization code
/// and the server's pid. The file holds secrets and is written owner-only (0600).
///
/// ```json
/// {"format":"brygga-sandbox-ready/1","pid":4242,
///  "fortnox":{"apiBaseURL":"http://127.0.0.1:40123","authBaseURL":"http://127.0.0.1:40123",
///             "clientID":"sandbox-fortnox-client","clientSecret":"…","tenantID":"1234567",
///             "scopes":["article",…],"authorizationCode":"…"},
///  "severa":{"baseURL":"http://127.0.0.1:40124/rest-api","clientID":"sandbox-severa-client",
///            "clientSecret":"…"}}
/// ```
public struct ReadyDocument: Sendable, Hashable, CustomStringConvertible {
    /// The `format` value.
    public static let format = "brygga-sandbox-ready/1"

    /// The serving process.
    public var processID: Int32
    /// Fortnox's API base (`fortnox.apiBaseURL`) and OAuth base (`fortnox.authBaseURL`): one server.
    public var fortnoxBaseURL: String
    /// Severa's REST API base, ending in `/rest-api` (`severa.baseURL`).
    public var severaBaseURL: String
    /// The credentials both emulators accept.
    public var credentials: SandboxCredentials
    /// The scopes of ``fortnoxAuthorizationCode``.
    public var fortnoxScopes: [String]
    /// A Fortnox authorization code valid 10 minutes from when the file was written, once.
    public var fortnoxAuthorizationCode: String

    /// Creates a document.
    public init(
        processID: Int32, fortnoxBaseURL: String, severaBaseURL: String, credentials: SandboxCredentials,
        fortnoxScopes: [String], fortnoxAuthorizationCode: String
    ) {
        self.processID = processID
        self.fortnoxBaseURL = fortnoxBaseURL
        self.severaBaseURL = severaBaseURL
        self.credentials = credentials
        self.fortnoxScopes = fortnoxScopes
        self.fortnoxAuthorizationCode = fortnoxAuthorizationCode
    }

    /// The document as JSON.
    public var json: JSONValue {
        [
            "format": .string(Self.format), "pid": .number(JSONNumber(Int64(processID))),
            "fortnox": [
                "apiBaseURL": .string(fortnoxBaseURL), "authBaseURL": .string(fortnoxBaseURL),
                "clientID": .string(credentials.fortnoxClientID),
                "clientSecret": .string(credentials.fortnoxClientSecret),
                "tenantID": .string(credentials.fortnoxTenantID), "scopes": .array(fortnoxScopes.map(JSONValue.string)),
                "authorizationCode": .string(fortnoxAuthorizationCode),
            ],
            "severa": [
                "baseURL": .string(severaBaseURL), "clientID": .string(credentials.severaClientID),
                "clientSecret": .string(credentials.severaClientSecret),
            ],
        ]
    }

    /// The file's bytes: the JSON and a newline.
    public var data: Data {
        var bytes: [UInt8] = []
        JSONSerializer.write(json, to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        return Data(bytes)
    }

    /// Reads a ready file's contents.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The file's name, for errors.
    /// - Throws: ``SandboxDocumentError`` naming the missing or malformed key.
    public init(data: Data, file: String) throws(SandboxDocumentError) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(data)
        } catch {
            throw SandboxDocumentError(file: file, path: "", reason: error.description)
        }
        func text(_ path: String) throws(SandboxDocumentError) -> String {
            var value: JSONValue? = json
            for key in path.split(separator: ".") { value = value?[String(key)] }
            guard let text = value?.stringValue, !text.isEmpty else {
                throw SandboxDocumentError(file: file, path: path, reason: "expected a non-empty string")
            }
            return text
        }
        guard try text("format") == Self.format else {
            throw SandboxDocumentError(file: file, path: "format", reason: "expected \"\(Self.format)\"")
        }
        guard let pid = json["pid"]?.numberValue?.int64, let processID = Int32(exactly: pid) else {
            throw SandboxDocumentError(file: file, path: "pid", reason: "expected a process id")
        }
        self.processID = processID
        fortnoxBaseURL = try text("fortnox.apiBaseURL")
        guard try text("fortnox.authBaseURL") == fortnoxBaseURL else {
            throw SandboxDocumentError(file: file, path: "fortnox.authBaseURL", reason: "expected the apiBaseURL")
        }
        severaBaseURL = try text("severa.baseURL")
        credentials = SandboxCredentials(
            fortnoxClientID: try text("fortnox.clientID"), fortnoxClientSecret: try text("fortnox.clientSecret"),
            fortnoxTenantID: try text("fortnox.tenantID"), severaClientID: try text("severa.clientID"),
            severaClientSecret: try text("severa.clientSecret"))
        fortnoxScopes = (json["fortnox"]?["scopes"]?.arrayValue ?? []).compactMap(\.stringValue)
        fortnoxAuthorizationCode = try text("fortnox.authorizationCode")
    }

    /// The line `brygga sandbox serve` prints: the URLs only, no secrets.
    public var description: String {
        "ready (fortnox \(fortnoxBaseURL), severa \(severaBaseURL))"
    }
}
