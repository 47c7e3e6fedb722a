import HTTPSupport
import SandboxKit

/// Lets the first request with a given method and path take effect in the emulator, then holds its
/// answer until ``release()``: the moment a process dies between a remote create and its local commit.
///
/// A `hold@1` fault (``Fault/holdAnswer(_:)``) on that method and path, applied to the Fortnox emulator
/// only.
final class HeldRequest: Sendable {
    private let plan: FaultPlan
    private let answers = HeldAnswers()

    /// Holds the first `method` request to `path`.
    init(_ method: HTTPMethod, _ path: String) {
        plan = FaultPlan(
            rules: [FaultRule(methods: [method], pathPattern: PathPattern(path), faults: [.holdAnswer(.nthRequest(1))])]
        )
    }

    /// The emulator of `api` wrapped so that the request is held (other APIs pass through).
    func intercept(_ api: String, _ emulator: any SandboxRequestHandler) -> any SandboxRequestHandler {
        api == "fortnox" ? FaultInjector(wrapping: emulator, plan: plan, heldAnswers: answers) : emulator
    }

    /// Returns once the request took effect and its answer is held.
    func reached() async {
        await answers.untilHeld()
    }

    /// Lets the held answer go (to a client that may be gone).
    func release() {
        answers.releaseAll()
    }
}
