import FortnoxConnector
import Foundation
import HTTPSupport
import SandboxKit
import SyncCore
import Testing

/// A connector talking to a ``FortnoxScriptedHandler``, in-process or over loopback, with a valid
/// token already stored (so no OAuth exchange is needed).
final class FortnoxScriptedConnector: Sendable {
    static let accessToken = "at-scripted-0123456789abcdef"
    static let refreshToken = "rt-scripted-fedcba9876543210"

    let handler: FortnoxScriptedHandler
    let clock: ManualWallClock
    let connector: FortnoxConnector
    let log = FortnoxCollectingLog()
    private let connection: FortnoxWireConnection

    /// Creates a connector on `wire` whose clock starts at `start`.
    ///
    /// - Throws: When the loopback server cannot start.
    init(
        _ wire: FortnoxWire = .inProcess, handler: FortnoxScriptedHandler = FortnoxScriptedHandler(),
        options: FortnoxConnector.Options = .init(), start: Date = Date(timeIntervalSince1970: 1_767_225_600)
    ) throws {
        self.handler = handler
        let clock = ManualWallClock(start: start)
        self.clock = clock
        let connection = try FortnoxWireConnection(wire, to: handler, name: "fortnox-scripted")
        self.connection = connection
        let transport = connection.transport
        let base = connection.base
        let oauth = try FortnoxOAuthConfiguration(
            clientID: FortnoxTestbed.clientID, clientSecret: FortnoxTestbed.clientSecret,
            redirectURI: "https://brygga.example/callback", authorizationBaseURL: base)
        let store = InMemoryTokenStore(
            tokens: StoredTokens(
                accessToken: FortnoxScriptedConnector.accessToken,
                accessTokenExpiresAt: clock.now().addingTimeInterval(3600),
                refreshToken: FortnoxScriptedConnector.refreshToken, scope: "customer"))
        connector = FortnoxConnector(
            configuration: try FortnoxConnector.Configuration(apiBaseURL: base, oauth: oauth, options: options),
            tokenStore: store, transport: transport, clock: clock, log: log)
    }

    /// Stops the server and checks that no secret appears in the log or in `errors`.
    func finish(errors: [any Error] = [], sourceLocation: SourceLocation = #_sourceLocation) {
        connection.close()
        let secrets = [
            FortnoxTestbed.clientSecret, FortnoxScriptedConnector.accessToken, FortnoxScriptedConnector.refreshToken,
        ]
        for text in log.messages + errors.map({ "\($0)" }) {
            for secret in secrets where text.contains(secret) {
                Issue.record("a secret leaked into: \(text)", sourceLocation: sourceLocation)
            }
        }
    }
}
