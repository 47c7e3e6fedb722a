import HTTPSupport
import JSONSupport
import SandboxKit
import Synchronization

/// The fault injection of one API of a sandbox, replaceable while it serves: requests go to a
/// ``FaultInjector`` over the emulator when a plan is set, straight to the emulator otherwise.
///
/// A new plan starts with fresh counts: its `@N` triggers number the requests after it was set.
final class FaultSlot: SandboxRequestHandler {
    private let emulator: any SandboxRequestHandler
    private let rateLimitBody: JSONValue
    private let heldAnswers: HeldAnswers
    private let injector: Mutex<FaultInjector?>

    /// Creates a slot applying `plan` (none when `nil`) to `emulator`'s traffic.
    init(
        _ emulator: any SandboxRequestHandler, plan: FaultPlan?, rateLimitBody: JSONValue, heldAnswers: HeldAnswers
    ) {
        self.emulator = emulator
        self.rateLimitBody = rateLimitBody
        self.heldAnswers = heldAnswers
        self.injector = Mutex(nil)
        replace(plan)
    }

    /// Applies `plan` from the next request on; `nil` removes every fault.
    func replace(_ plan: FaultPlan?) {
        let injector = plan.map {
            FaultInjector(wrapping: emulator, plan: $0, rateLimitBody: rateLimitBody, heldAnswers: heldAnswers)
        }
        self.injector.withLock { $0 = injector }
    }

    func handle(_ request: ServerRequest) -> HandlerResult {
        let handler: any SandboxRequestHandler = injector.withLock { $0 } ?? emulator
        return handler.handle(request)
    }
}
