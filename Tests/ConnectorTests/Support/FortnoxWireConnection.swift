import Foundation
import HTTPSupport
import SandboxKit
import Testing

/// A handler reached over a ``FortnoxWire``: in-process, or through a loopback server and a
/// `URLSessionTransport`; ``close()`` stops both.
struct FortnoxWireConnection {
    /// What the connector sends through.
    let transport: any HTTPTransport
    /// The base URL the connector is configured with.
    let base: URL
    private let server: LoopbackServer?
    private let session: URLSessionTransport?

    /// Connects to `handler` over `wire`; `name` names the loopback server's threads.
    ///
    /// - Throws: When the loopback server cannot start.
    init(_ wire: FortnoxWire, to handler: any SandboxRequestHandler, name: String) throws {
        switch wire {
        case .inProcess:
            server = nil
            session = nil
            transport = handler.inProcessTransport()
            base = try #require(URL(string: "https://api.fortnox.se"))
        case .loopback:
            let server = LoopbackServer(name: name, handler: handler)
            try server.start()
            let session = URLSessionTransport(configuration: .init(requestTimeout: .seconds(20)))
            self.server = server
            self.session = session
            transport = session
            base = try #require(server.baseURL)
        }
    }

    /// Stops the server and releases the session.
    func close() {
        server?.stop()
        session?.invalidate()
    }
}
