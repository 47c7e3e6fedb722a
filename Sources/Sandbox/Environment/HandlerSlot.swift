import HTTPSupport
import JSONSupport
import SandboxKit
import Synchronization

/// A handler that forwards to one installed after the server started (so an emulator can be made
/// knowing its server's address); until then it answers 503.
final class HandlerSlot: SandboxRequestHandler {
    private let target = Mutex<(any SandboxRequestHandler)?>(nil)

    /// Routes every later request to `handler`.
    func install(_ handler: any SandboxRequestHandler) {
        target.withLock { $0 = handler }
    }

    func handle(_ request: ServerRequest) -> HandlerResult {
        guard let handler = target.withLock({ $0 }) else {
            return .respond(.json(503, ["message": "the sandbox is starting"]))
        }
        return handler.handle(request)
    }
}
