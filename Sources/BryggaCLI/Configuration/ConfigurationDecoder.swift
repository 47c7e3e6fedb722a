import Foundation
import HTTPSupport
import JSONSupport
import SyncCore

/// Turns a parsed `brygga.json` into a ``BryggaConfiguration`` (mappings not yet merged), checking
/// every key and filling in the defaults (docs/CONFIGURATION.md).
struct ConfigurationDecoder {
    /// The configuration file, for errors.
    let file: String
    /// The file's directory; relative paths resolve against it.
    let directory: String

    /// Decodes `document`.
    ///
    /// - Throws: ``JSONDocumentError`` naming the key path and what was expected versus found.
    func decode(_ document: JSONValue) throws(JSONDocumentError) -> BryggaConfiguration {
        let top = try JSONObjectReader(
            document, file: file,
            allowedKeys: [
                "version", "enabled", "stateDatabase", "secretsFile", "severa", "fortnox", "flows", "masters",
                "mappings", "metricsFile", "notify", "invoices", "projectFees", "dimensions", "tokenFile",
            ]
        )
        guard let version = top.value("version") else {
            throw top.error("version", "missing; expected \(BryggaConfiguration.supportedVersion)")
        }
        guard version.numberValue?.int64 == Int64(BryggaConfiguration.supportedVersion) else {
            throw top.mismatch(
                "version", expected: "\(BryggaConfiguration.supportedVersion) (the version this Brygga reads)",
                found: version
            )
        }
        let flows = try decodeFlows(top)
        let money = try decodeMoneyFlows(top, flows: flows)
        let scopeNeeds = (paid: money.invoices?.paidStatus != nil, attachments: money.invoices?.attachments == true)
        var configuration = BryggaConfiguration(
            file: file,
            isEnabled: try top.bool("enabled", default: true),
            stateDatabasePath: try path(top, "stateDatabase") ?? resolve(ConfigurationDefaults.stateDatabase),
            secretsFilePath: try path(top, "secretsFile") ?? resolve(ConfigurationDefaults.secretsFile),
            severa: try decodeSevera(top, flows: flows, needs: scopeNeeds),
            fortnox: try decodeFortnox(top, flows: flows, needs: scopeNeeds),
            flows: flows,
            masters: try decodeMasters(top),
            mappingsOverridePath: try path(top, "mappings"),
            mappings: .defaults,
            invoices: money.invoices,
            projectFees: money.projectFees
        )
        configuration.metricsFilePath = try path(top, "metricsFile")
        configuration.notify = try decodeNotify(top)
        configuration.tokenFileSetting = try path(top, "tokenFile")
        if let tokenFile = configuration.tokenFileSetting,
            [configuration.stateDatabasePath, configuration.secretsFilePath, configuration.lockFilePath].contains(
                tokenFile)
        {
            throw top.error(
                "tokenFile", "names a file Brygga uses for something else; give the token file a path of its own")
        }
        return configuration
    }

    private func decodeSevera(
        _ top: JSONObjectReader, flows: FlowSettings, needs: (paid: Bool, attachments: Bool)
    ) throws(JSONDocumentError) -> SeveraSettings {
        let keys = ["baseURL", "clientID", "scopes", "rateLimit"]
        guard let severa = try top.object("severa", allowedKeys: keys) else {
            throw top.error("severa", "missing; expected an object with at least \"clientID\"")
        }
        let scopes = try self.scopes(severa)
        return SeveraSettings(
            baseURL: try url(severa, "baseURL") ?? defaultURL(ConfigurationDefaults.severaBaseURL),
            clientID: try severa.string("clientID", expected: "the Severa REST API client id"),
            scopes: scopes
                ?? ScopeDerivation.severaScopes(for: flows, paidStatus: needs.paid, attachments: needs.attachments),
            scopesAreDerived: scopes == nil,
            rateLimit: try rateLimit(severa, default: ConfigurationDefaults.severaRateLimit)
        )
    }

    private func decodeFortnox(
        _ top: JSONObjectReader, flows: FlowSettings, needs: (paid: Bool, attachments: Bool)
    ) throws(JSONDocumentError) -> FortnoxSettings {
        let keys = ["apiBaseURL", "authBaseURL", "clientID", "redirectURI", "scopes", "rateLimit", "timeZone"]
        guard let fortnox = try top.object("fortnox", allowedKeys: keys) else {
            throw top.error("fortnox", "missing; expected an object with at least \"clientID\" and \"redirectURI\"")
        }
        guard let redirectURI = try url(fortnox, "redirectURI") else {
            throw fortnox.error("redirectURI", "missing; expected the redirect URI registered with Fortnox")
        }
        let scopes = try self.scopes(fortnox)
        return FortnoxSettings(
            apiBaseURL: try url(fortnox, "apiBaseURL") ?? defaultURL(ConfigurationDefaults.fortnoxAPIBaseURL),
            authBaseURL: try url(fortnox, "authBaseURL") ?? defaultURL(ConfigurationDefaults.fortnoxAuthBaseURL),
            clientID: try fortnox.string("clientID", expected: "the Fortnox integration's client id"),
            redirectURI: redirectURI,
            scopes: scopes
                ?? ScopeDerivation.fortnoxScopes(for: flows, paidStatus: needs.paid, attachments: needs.attachments),
            scopesAreDerived: scopes == nil,
            rateLimit: try rateLimit(fortnox, default: ConfigurationDefaults.fortnoxRateLimit),
            timeZone: try timeZone(fortnox)
        )
    }

    private func decodeFlows(_ top: JSONObjectReader) throws(JSONDocumentError) -> FlowSettings {
        let flows = try top.object(
            "flows", allowedKeys: ["products", "customers", "projects", "invoices", "projectFees"])
        return FlowSettings(
            products: try flows?.bool("products", default: true) ?? true,
            customers: try flows?.bool("customers", default: true) ?? true,
            projects: try flows?.bool("projects", default: true) ?? true,
            invoices: try flows?.bool("invoices", default: false) ?? false,
            projectFees: try flows?.bool("projectFees", default: false) ?? false
        )
    }

    private func decodeMasters(_ top: JSONObjectReader) throws(JSONDocumentError) -> MasterSettings {
        if let masters = top.value("masters"), masters["projects"] != nil {
            throw JSONDocumentError(
                file: file, keyPath: "masters.projects",
                problem: "Severa is always the master for projects (R3.1), so there is no such setting; remove this key"
            )
        }
        let masters = try top.object("masters", allowedKeys: ["products", "customers"])
        return MasterSettings(
            products: try masters?.choice("products", default: MasterName.severa).side ?? .projectManagement,
            customers: try masters?.choice("customers", default: MasterName.severa).side ?? .projectManagement
        )
    }

    /// A path relative to the configuration's directory, or `nil` when absent or `null`.
    func path(_ object: JSONObjectReader, _ key: String) throws(JSONDocumentError) -> String? {
        guard let text = try object.optionalString(key, expected: "a file path") else { return nil }
        if text.hasPrefix("~") {
            throw object.error(key, "\"~\" is not expanded; write an absolute path or one relative to \(directory)")
        }
        return resolve(text)
    }

    func resolve(_ path: String) -> String {
        FilePaths.resolve(path, against: directory)
    }

    /// An http(s) URL allowed by ``BaseURLPolicy``, without a trailing slash, or `nil` when absent.
    private func url(_ object: JSONObjectReader, _ key: String) throws(JSONDocumentError) -> URL? {
        let expectation = "an https URL (plain http only to localhost)"
        guard let text = try object.optionalString(key, expected: expectation) else { return nil }
        let trimmed = text.hasSuffix("/") ? String(text.dropLast()) : text
        guard let url = URL(string: trimmed), url.scheme != nil, url.host != nil else {
            throw object.mismatch(key, expected: expectation, found: .string(text))
        }
        do {
            try BaseURLPolicy.validate(url)
        } catch {
            throw object.error(key, "expected \(expectation), found \"\(error.url)\": \(error.reason)")
        }
        return url
    }

    /// A URL written in this file, known to be valid.
    private func defaultURL(_ text: String) -> URL {
        URL(string: text) ?? URL(fileURLWithPath: "/")
    }

    /// The `scopes` array: distinct scope names without spaces or commas, or `nil` when absent.
    private func scopes(_ object: JSONObjectReader) throws(JSONDocumentError) -> [String]? {
        guard let scopes = try object.stringArray("scopes") else { return nil }
        for (index, scope) in scopes.enumerated()
        where scope.contains(where: { $0.isWhitespace || $0 == "," }) || scopes[..<index].contains(scope) {
            throw JSONDocumentError(
                file: file, keyPath: object.path.appending("scopes").appending(index: index).description,
                problem: "expected one scope name per string, each listed once, found \"\(scope)\""
            )
        }
        return scopes
    }

    /// The `rateLimit` object `{requests, perSeconds}`; missing members take `defaults`' values.
    private func rateLimit(_ object: JSONObjectReader, default defaults: RateLimitSetting)
        throws(JSONDocumentError) -> RateLimitSetting
    {
        guard let limit = try object.object("rateLimit", allowedKeys: ["requests", "perSeconds"]) else {
            return defaults
        }
        return RateLimitSetting(
            requests: try limit.positiveInteger("requests", default: defaults.requests, maximum: 10_000),
            perSeconds: try limit.positiveInteger("perSeconds", default: defaults.perSeconds, maximum: 3_600)
        )
    }

    /// The IANA time zone at `timeZone`, default Europe/Stockholm.
    private func timeZone(_ object: JSONObjectReader) throws(JSONDocumentError) -> TimeZone {
        let expectation = "an IANA time zone name such as \"Europe/Stockholm\""
        let name = try object.optionalString("timeZone", expected: expectation) ?? ConfigurationDefaults.fortnoxTimeZone
        guard let zone = TimeZone(identifier: name) else {
            throw object.mismatch("timeZone", expected: expectation, found: .string(name))
        }
        return zone
    }
}

/// The values of `masters.products` and `masters.customers`.
private enum MasterName: String, CaseIterable {
    case severa
    case fortnox

    var side: SystemSide { self == .severa ? .projectManagement : .accounting }
}
