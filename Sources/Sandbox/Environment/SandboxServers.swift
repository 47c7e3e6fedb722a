import SandboxKit

/// The two loopback servers of a listening ``SandboxEnvironment``: Fortnox (API and OAuth on one
/// port) and Severa.
public final class SandboxServers: Sendable {
    /// The Fortnox server's port on 127.0.0.1.
    public let fortnoxPort: UInt16
    /// The Severa server's port on 127.0.0.1.
    public let severaPort: UInt16
    private let fortnox: LoopbackServer
    private let severa: LoopbackServer

    init(fortnox: LoopbackServer, fortnoxPort: UInt16, severa: LoopbackServer, severaPort: UInt16) {
        self.fortnox = fortnox
        self.fortnoxPort = fortnoxPort
        self.severa = severa
        self.severaPort = severaPort
    }

    /// `http://127.0.0.1:P`: Fortnox's API base (`/3/…` is appended) and its OAuth base
    /// (`/oauth-v1/…`), the same server.
    public var fortnoxBaseURL: String { "http://127.0.0.1:\(fortnoxPort)" }

    /// `http://127.0.0.1:Q/rest-api`: Severa's REST API base (`/v1/…` is appended).
    public var severaBaseURL: String { "http://127.0.0.1:\(severaPort)/rest-api" }

    /// Stops both servers and waits for their threads; idempotent.
    public func stop() {
        fortnox.stop()
        severa.stop()
    }
}
