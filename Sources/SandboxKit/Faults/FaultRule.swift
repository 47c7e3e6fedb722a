public import HTTPSupport

/// The faults injected into requests whose method and path match.
public struct FaultRule: Sendable, Hashable, CustomStringConvertible {
    /// The methods matched; `nil` matches every method.
    public var methods: Set<HTTPMethod>?
    /// The path pattern matched.
    public var pathPattern: PathPattern
    /// The faults, in the order written: when several fire for one request, the first wins.
    public var faults: [Fault]
    /// The `Retry-After` seconds sent with this rule's 429 answers; `nil` sends none. Default 1.
    public var retryAfterSeconds: Int?

    /// Creates a rule.
    public init(methods: Set<HTTPMethod>?, pathPattern: PathPattern, faults: [Fault], retryAfterSeconds: Int? = 1) {
        self.methods = methods
        self.pathPattern = pathPattern
        self.faults = faults
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Whether a request with `method` and `path` (without query) is subject to this rule.
    public func matches(method: HTTPMethod, path: String) -> Bool {
        (methods?.contains(method) ?? true) && pathPattern.matches(path)
    }

    /// The methods and pattern as written in a spec, e.g. `GET|POST /3/customers/*`.
    var matchDescription: String {
        let methodText = methods.map { $0.map(\.rawValue).sorted().joined(separator: "|") } ?? "*"
        return "\(methodText) \(pathPattern)"
    }

    /// The rule as written in a spec, e.g. `POST /3/customers: lost-response@3`.
    public var description: String {
        var parts = faults.map(\.description)
        if retryAfterSeconds != 1 { parts.append("retry-after=\(retryAfterSeconds.map(String.init) ?? "none")") }
        return "\(matchDescription): \(parts.joined(separator: ", "))"
    }
}
