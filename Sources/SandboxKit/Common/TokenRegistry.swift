public import Foundation
public import HTTPSupport
public import JSONSupport
import Synchronization

/// Who a token was issued to and what it may do.
public struct TokenGrant: Sendable, Hashable {
    /// The client id (and tenant) the token belongs to; rate limits are counted per grant's token.
    public var subject: String
    /// The scopes granted, e.g. `customer`, `customers:read`.
    public var scopes: Set<String>

    /// Creates a grant.
    public init(subject: String, scopes: Set<String>) {
        self.subject = subject
        self.scopes = scopes
    }
}

/// Tokens handed out by a token endpoint.
public struct GrantedTokens: Sendable, Hashable {
    /// The bearer token for API calls.
    public var accessToken: String
    /// When the access token stops working.
    public var accessExpiresAt: Date
    /// The refresh token, when the grant type gives one.
    public var refreshToken: String?
    /// When the refresh token stops working.
    public var refreshExpiresAt: Date?
    /// The scopes granted.
    public var scopes: Set<String>
}

/// The result of checking a bearer token.
public enum AccessCheck: Sendable, Hashable {
    /// The token is valid for this grant.
    case valid(TokenGrant)
    /// The token was issued but has expired.
    case expired
    /// The token was never issued (or the sandbox forgot it).
    case unknown
}

/// The token state of an emulated authorization server: authorization codes, access tokens and
/// refresh tokens with lifetimes on the injected clock.
///
/// Refresh tokens can be single use (Fortnox: a second use gets `invalid_grant`) or reusable.
/// The whole state exports to JSON so `--state FILE` keeps a client's tokens valid across a restart.
public final class TokenRegistry: Sendable {
    private struct Record: Sendable {
        var grant: TokenGrant
        var expiresAt: Date
    }

    private struct State: Sendable {
        var codes: [String: Record] = [:]
        var access: [String: Record] = [:]
        var refresh: [String: Record] = [:]
    }

    private let clock: any WallClock
    private let accessLifetime: TimeInterval
    private let refreshLifetime: TimeInterval
    private let codeLifetime: TimeInterval
    private let singleUseRefresh: Bool
    private let state = Mutex(State())

    /// Creates a registry.
    ///
    /// - Parameters:
    ///   - clock: The time source for expiry.
    ///   - accessLifetime: Seconds an access token lives (Fortnox 3600).
    ///   - refreshLifetime: Seconds a refresh token lives (Fortnox 45 days).
    ///   - codeLifetime: Seconds an authorization code lives (Fortnox 600).
    ///   - singleUseRefresh: Whether redeeming a refresh token invalidates it.
    public init(
        clock: any WallClock, accessLifetime: TimeInterval, refreshLifetime: TimeInterval,
        codeLifetime: TimeInterval = 600, singleUseRefresh: Bool
    ) {
        self.clock = clock
        self.accessLifetime = accessLifetime
        self.refreshLifetime = refreshLifetime
        self.codeLifetime = codeLifetime
        self.singleUseRefresh = singleUseRefresh
    }

    /// Issues a single-use authorization code for `grant` (what the consent page hands the browser).
    public func issueAuthorizationCode(for grant: TokenGrant) -> String {
        let code = TokenRegistry.randomToken()
        let expiry = clock.now().addingTimeInterval(codeLifetime)
        state.withLock { $0.codes[code] = Record(grant: grant, expiresAt: expiry) }
        return code
    }

    /// Redeems an authorization code once; `nil` when unknown, used or expired.
    public func redeemAuthorizationCode(_ code: String) -> TokenGrant? {
        let now = clock.now()
        return state.withLock { state in
            guard let record = state.codes.removeValue(forKey: code), record.expiresAt > now else { return nil }
            return record.grant
        }
    }

    /// Issues an access token, and a refresh token when `withRefreshToken` is set.
    public func issueTokens(for grant: TokenGrant, withRefreshToken: Bool) -> GrantedTokens {
        let now = clock.now()
        let access = TokenRegistry.randomToken()
        let refresh = withRefreshToken ? TokenRegistry.randomToken() : nil
        let tokens = GrantedTokens(
            accessToken: access,
            accessExpiresAt: now.addingTimeInterval(accessLifetime),
            refreshToken: refresh,
            refreshExpiresAt: refresh.map { _ in now.addingTimeInterval(refreshLifetime) },
            scopes: grant.scopes
        )
        state.withLock { state in
            state.access[access] = Record(grant: grant, expiresAt: tokens.accessExpiresAt)
            if let refresh, let expiry = tokens.refreshExpiresAt {
                state.refresh[refresh] = Record(grant: grant, expiresAt: expiry)
            }
        }
        return tokens
    }

    /// Redeems a refresh token for new tokens; `nil` when unknown, already used (single use) or expired.
    public func redeemRefreshToken(_ token: String) -> GrantedTokens? {
        let now = clock.now()
        let grant: TokenGrant? = state.withLock { state in
            guard let record = state.refresh[token], record.expiresAt > now else { return nil }
            if singleUseRefresh { state.refresh.removeValue(forKey: token) }
            return record.grant
        }
        return grant.map { issueTokens(for: $0, withRefreshToken: true) }
    }

    /// Revokes a refresh token (Severa `signout`).
    public func revokeRefreshToken(_ token: String) {
        _ = state.withLock { $0.refresh.removeValue(forKey: token) }
    }

    /// Checks a bearer token.
    public func checkAccessToken(_ token: String) -> AccessCheck {
        let now = clock.now()
        return state.withLock { state in
            guard let record = state.access[token] else { return .unknown }
            return record.expiresAt > now ? .valid(record.grant) : .expired
        }
    }

    /// The registry's state as JSON (for `--state FILE`); contains live tokens, so write it owner-only.
    public func exportState() -> JSONValue {
        state.withLock { state in
            func table(_ records: [String: Record]) -> JSONValue {
                .object(
                    records.mapValues { record in
                        [
                            "subject": .string(record.grant.subject),
                            "scopes": .array(record.grant.scopes.sorted().map(JSONValue.string)),
                            "expiresAt": .number(JSONNumber(Int64(record.expiresAt.timeIntervalSince1970))),
                        ]
                    }
                )
            }
            return ["codes": table(state.codes), "access": table(state.access), "refresh": table(state.refresh)]
        }
    }

    /// Replaces the registry's state with one exported earlier.
    ///
    /// - Throws: ``SandboxStateError`` when `json` is not such a state.
    public func importState(_ json: JSONValue) throws(SandboxStateError) {
        func table(_ key: String) throws(SandboxStateError) -> [String: Record] {
            guard let members = json[key]?.objectValue else {
                throw SandboxStateError(path: "tokens.\(key)", reason: "expected an object")
            }
            var records: [String: Record] = [:]
            for (token, value) in members {
                guard let subject = value["subject"]?.stringValue, let scopes = value["scopes"]?.arrayValue,
                    let expiry = value["expiresAt"]?.numberValue?.int64
                else { throw SandboxStateError(path: "tokens.\(key)", reason: "malformed token entry") }
                let grant = TokenGrant(subject: subject, scopes: Set(scopes.compactMap(\.stringValue)))
                records[token] = Record(grant: grant, expiresAt: Date(timeIntervalSince1970: TimeInterval(expiry)))
            }
            return records
        }
        let restored = State(codes: try table("codes"), access: try table("access"), refresh: try table("refresh"))
        state.withLock { $0 = restored }
    }

    /// 32 random bytes as lowercase hex.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}

/// A persisted sandbox state that cannot be loaded, naming where it is wrong.
public struct SandboxStateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the state document, e.g. `fortnox.customers[3]`.
    public let path: String
    /// What is wrong.
    public let reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "sandbox state \(path): \(reason)" }
}
