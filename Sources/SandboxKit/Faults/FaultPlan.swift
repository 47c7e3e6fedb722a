/// A deterministic plan of faults to inject into sandbox traffic: latency, 5xx answers, 429 bursts,
/// connections dropped before handling, lost responses (the write commits, the answer is lost),
/// answers that are not the API's (an HTML maintenance page, a body cut in half, the wrong content
/// type) and answers held until released.
///
/// The same seed and the same sequence of requests always give the same faults: every fault of every
/// rule draws from its own ``SeededGenerator`` stream (salted with the rule's methods and pattern and
/// the fault as written), and draws one number per matching request whether or not it fires, so
/// adding, removing or reordering other rules and faults does not change its sequence. Concurrent
/// requests are decided in arrival order.
///
/// ## Spec grammar (`brygga sandbox serve --faults SPEC`)
///
/// ```
/// spec     = clause *( (";" / newline) clause )     ; "#" starts a comment to the end of the line
/// clause   = "seed=" UINT64 / rule
/// rule     = [ methods SP ] pattern ":" fault *( "," fault )
/// methods  = "*" / METHOD *( "|" METHOD )          ; GET POST PUT PATCH DELETE HEAD OPTIONS
/// pattern  = "*" / "/" path                        ; "*" matches any run of characters, "/" included
/// fault    = "latency=" duration [ ".." duration ] ; fixed, or uniform in min..max
///          / ( "5xx" / "500".."599" ) trigger      ; 5xx picks 500, 502 or 503
///          / "burst429" trigger [ "x" COUNT ]      ; COUNT consecutive 429s (default 1)
///          / "drop" trigger                        ; close before handling; handler not called
///          / "lost-response" trigger               ; handler called, then close without answer
///          / "commit-504" trigger                  ; handler called, then answer 504
///          / "html200" trigger                     ; 200 text/html maintenance page; handler not called
///          / "truncated" trigger                   ; handler called, then the first half of its body
///          / "wrong-type" trigger                  ; handler called, body sent as text/plain
///          / "hold" trigger                        ; handler called, answer held until released
///          / "retry-after=" ( SECONDS / "none" )   ; Retry-After of this rule's 429s (default 1)
/// trigger  = "=" RATE / "@" N                      ; RATE 0..1 or "5%"; N = the Nth matching request
/// duration = NUMBER ( "us" / "ms" / "s" )          ; in a range the first unit may be left out
/// ```
///
/// Example: `seed=7; POST /3/customers: lost-response=0.1; GET /3/*: latency=2..20ms, 5xx=0.05;
/// * /rest-api/v1/*: burst429=0.02x5, retry-after=2; PUT /3/invoices/*: lost-response@3`.
///
/// A request is counted by every rule that matches it (each rule numbers its own matching requests
/// for `@N`). When several faults fire for one request, the first in spec order wins (rules in order,
/// faults within a rule in order); the latencies of all matching rules add up and apply to whatever
/// the outcome is. 5xx, 429, drop and html200 faults do not call the wrapped handler; lost-response,
/// commit-504, truncated, wrong-type and hold call it exactly once (a write takes effect). A held
/// answer waits for ``HeldAnswers/releaseAll()`` (SIGUSR1 to `brygga sandbox serve`); when its client
/// hangs up first it is dropped.
public struct FaultPlan: Sendable, Hashable, CustomStringConvertible {
    /// The seed of every random draw; 0 unless the spec says `seed=N`.
    public var seed: UInt64
    /// The rules in spec order.
    public var rules: [FaultRule]

    /// Creates a plan.
    public init(seed: UInt64 = 0, rules: [FaultRule] = []) {
        self.seed = seed
        self.rules = rules
    }

    /// Parses a spec (see the grammar above and ``syntaxHelp``).
    ///
    /// - Parameter spec: The spec text, e.g. `seed=7; POST /3/customers: lost-response@3`.
    /// - Returns: The plan.
    /// - Throws: ``FaultSpecError`` naming the clause, the token and what was expected.
    public static func parse(_ spec: String) throws(FaultSpecError) -> FaultPlan {
        try FaultPlanParser.parse(spec)
    }

    /// The plan as a spec that parses back to the same plan.
    public var description: String {
        (["seed=\(seed)"] + rules.map(\.description)).joined(separator: "; ")
    }
}
