import HTTPSupport
import SandboxKit
import Testing

/// The `--faults` spec grammar of ``FaultPlan``.
@Suite struct FaultPlanParserTests {
    @Test func parsesTheDocumentedExample() throws {
        let plan = try FaultPlan.parse(
            "seed=7; POST /3/customers: lost-response=0.1; GET /3/*: latency=2..20ms, 5xx=0.05; "
                + "* /rest-api/v1/*: burst429=0.02x5, retry-after=2; PUT /3/invoices/*: lost-response@3")
        #expect(plan.seed == 7)
        #expect(plan.rules.count == 4)
        #expect(plan.rules[0].methods == [.post])
        #expect(plan.rules[0].pathPattern.text == "/3/customers")
        #expect(plan.rules[0].faults == [.lostResponse(.probability(0.1))])
        #expect(
            plan.rules[1].faults == [
                .latency(minimum: .milliseconds(2), maximum: .milliseconds(20)),
                .serverError(status: nil, trigger: .probability(0.05)),
            ])
        #expect(plan.rules[2].methods == nil)
        #expect(plan.rules[2].faults == [.tooManyRequests(burst: 5, trigger: .probability(0.02))])
        #expect(plan.rules[2].retryAfterSeconds == 2)
        #expect(plan.rules[3].faults == [.lostResponse(.nthRequest(3))])
        #expect(plan.rules[3].retryAfterSeconds == 1)
    }

    @Test func acceptsEveryFaultFormAndRoundTripsThroughItsDescription() throws {
        let spec = """
            # comments and newlines separate clauses too
            GET|POST /a/*: latency=20ms, latency=1.5s, latency=500us..2ms, 503@2, 5xx=5%, drop@1
            /b: burst429@3x4, burst429=1, retry-after=none
            DELETE *: commit-504=0.5, lost-response@9, drop=0
            seed=18446744073709551615
            """
        let plan = try FaultPlan.parse(spec)
        #expect(plan.seed == UInt64.max)
        #expect(plan.rules[0].methods == [.get, .post])
        #expect(
            plan.rules[0].faults == [
                .latency(minimum: .milliseconds(20), maximum: .milliseconds(20)),
                .latency(minimum: .milliseconds(1500), maximum: .milliseconds(1500)),
                .latency(minimum: .microseconds(500), maximum: .milliseconds(2)),
                .serverError(status: 503, trigger: .nthRequest(2)),
                .serverError(status: nil, trigger: .probability(0.05)),
                .dropBeforeHandling(.nthRequest(1)),
            ])
        #expect(plan.rules[1].methods == nil)
        #expect(
            plan.rules[1].faults == [
                .tooManyRequests(burst: 4, trigger: .nthRequest(3)),
                .tooManyRequests(burst: 1, trigger: .probability(1)),
            ])
        #expect(plan.rules[1].retryAfterSeconds == nil)
        #expect(
            plan.rules[2].faults == [
                .gatewayTimeoutAfterCommit(.probability(0.5)), .lostResponse(.nthRequest(9)),
                .dropBeforeHandling(.probability(0)),
            ])
        #expect(try FaultPlan.parse(plan.description) == plan)
    }

    @Test func parsesTheFaultsOfAnswersThatAreNotTheAPIsAndHeldAnswers() throws {
        let plan = try FaultPlan.parse(
            "GET /3/customers: html200@2, truncated=0.5; POST /rest-api/*: wrong-type=10%, hold@1; *: HOLD@3")
        #expect(plan.rules[0].faults == [.htmlPage(.nthRequest(2)), .truncatedBody(.probability(0.5))])
        #expect(plan.rules[1].faults == [.wrongContentType(.probability(0.1)), .holdAnswer(.nthRequest(1))])
        #expect(plan.rules[2].faults == [.holdAnswer(.nthRequest(3))])
        #expect(plan.rules[0].description == "GET /3/customers: html200@2, truncated=0.5")
        #expect(try FaultPlan.parse(plan.description) == plan)
    }

    @Test func anEmptySpecInjectsNothing() throws {
        #expect(try FaultPlan.parse(" ; \n# nothing\n") == FaultPlan())
    }

    /// A spec that must be refused, and the parts of the error that must name the problem.
    struct BadSpec: Sendable, CustomTestStringConvertible {
        var spec: String
        var clause: Int
        var token: String
        var expected: String
        var testDescription: String { spec }
    }

    static let badSpecs: [BadSpec] = [
        .init(spec: "seed=abc", clause: 1, token: "abc", expected: "unsigned 64-bit integer seed"),
        .init(spec: "seed=1; seed=2", clause: 2, token: "seed=2", expected: "only one seed clause"),
        .init(spec: "POST /x", clause: 1, token: "POST /x", expected: "a rule"),
        .init(spec: ": drop=1", clause: 1, token: "", expected: "a path pattern"),
        .init(spec: "A B C: drop=1", clause: 1, token: "C", expected: "[METHODS] PATTERN"),
        .init(spec: "POTS /x: drop=0.1", clause: 1, token: "POTS", expected: "a method (GET, POST"),
        .init(spec: "POST x: drop=0.1", clause: 1, token: "x", expected: "starting with '/'"),
        .init(spec: "POST /x?y=1: drop=0.1", clause: 1, token: "/x?y=1", expected: "without a query"),
        .init(
            spec: "seed=1; GET /ok: drop=0.1; PUT /y: lost-respons=1", clause: 3, token: "lost-respons",
            expected: "a fault: latency="),
        .init(spec: "PUT /y: lost", clause: 1, token: "lost", expected: "a fault: latency="),
        .init(spec: "GET /x: 600=0.1", clause: 1, token: "600", expected: "500..599"),
        .init(spec: "POST /x: drop=1.5", clause: 1, token: "1.5", expected: "a rate between 0 and 1"),
        .init(spec: "POST /x: drop=-0.1", clause: 1, token: "-0.1", expected: "a rate between 0 and 1"),
        .init(spec: "POST /x: drop@0", clause: 1, token: "0", expected: "a request number of 1 or more"),
        .init(spec: "GET /x: latency=20", clause: 1, token: "20", expected: "a duration such as 20ms"),
        .init(spec: "GET /x: latency@2", clause: 1, token: "latency@2", expected: "latency=DURATION"),
        .init(spec: "GET /x: latency=30..20ms", clause: 1, token: "30..20ms", expected: "minimum is not above"),
        .init(spec: "GET /x: latency=1..2..3ms", clause: 1, token: "1..2..3ms", expected: "latency=DURATION or"),
        .init(spec: "GET /x: burst429=0.1x0", clause: 1, token: "0", expected: "a burst length of 1 or more"),
        .init(
            spec: "GET /x: retry-after=soon, drop=0.1", clause: 1, token: "soon", expected: "whole number of seconds"),
        .init(
            spec: "GET /x: drop=1, retry-after=1, retry-after=2", clause: 1, token: "retry-after=2",
            expected: "only one retry-after"),
        .init(spec: "GET /x: retry-after=2", clause: 1, token: "GET /x: retry-after=2", expected: "at least one fault"),
        .init(spec: "GET /x: ", clause: 1, token: "", expected: "a fault after ':' or ','"),
        .init(spec: "GET /x: drop=0.1,, 5xx=0.1", clause: 1, token: "", expected: "a fault after ':' or ','"),
        .init(spec: "GET /x: html200", clause: 1, token: "html200", expected: "html200, truncated, wrong-type, hold"),
        .init(spec: "GET /x: html404@1", clause: 1, token: "html404", expected: "a fault: latency="),
        .init(
            spec: "seed=2; POST /x: hold@0", clause: 2, token: "0",
            expected: "a request number of 1 or more after hold@"),
        .init(spec: "GET /x: truncated=2", clause: 1, token: "2", expected: "a rate between 0 and 1"),
        .init(spec: "GET /x: wrong-type=", clause: 1, token: "", expected: "after wrong-type="),
    ]

    @Test(arguments: badSpecs)
    func badSpecsNameTheClauseTheTokenAndWhatWasExpected(_ bad: BadSpec) {
        do {
            let plan = try FaultPlan.parse(bad.spec)
            Issue.record("parsed as \(plan)")
        } catch {
            #expect(error.clauseNumber == bad.clause)
            #expect(error.token == bad.token)
            #expect(error.expected.contains(bad.expected), "\(error.expected)")
            #expect(error.description.hasPrefix("fault spec clause \(bad.clause) (\""))
        }
    }

    @Test func errorDescriptionReadsAsASentence() {
        #expect(throws: FaultSpecError.self) { try FaultPlan.parse("POST /3/customers: lost-respons=0.1") }
        do {
            _ = try FaultPlan.parse("POST /3/customers: drop=2")
        } catch {
            #expect(
                error.description
                    == "fault spec clause 1 (\"POST /3/customers: drop=2\"): found \"2\", expected a rate between 0 and 1 "
                    + "(e.g. 0.05 or 5%) after drop=")
        }
    }

    @Test func syntaxHelpDocumentsEveryFaultKind() {
        for keyword in [
            "seed=", "latency=", "5xx", "burst429", "retry-after=", "drop", "lost-response", "commit-504", "@N",
            "html200", "truncated", "wrong-type", "hold", "SIGUSR1",
        ] {
            #expect(FaultPlan.syntaxHelp.contains(keyword), "\(keyword)")
        }
    }

    @Test(arguments: [
        ("/3/customers/*", "/3/customers/42", true),
        ("/3/customers/*", "/3/customers/42/x", true),
        ("/3/customers/*", "/3/customers", false),
        ("/3/*/bookkeep", "/3/invoices/7/bookkeep", true),
        ("/3/*/bookkeep", "/3/invoices/7/cancel", false),
        ("*", "/anything", true),
        ("/a*b*c", "/axxbyyc", true),
        ("/a*b*c", "/axxbyy", false),
        ("/exact", "/exact", true),
        ("/exact", "/exactly", false),
    ])
    func pathPatternsMatchWithWildcards(pattern: String, path: String, matches: Bool) {
        #expect(PathPattern(pattern).matches(path) == matches)
    }
}
