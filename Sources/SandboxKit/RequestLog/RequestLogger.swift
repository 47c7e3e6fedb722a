public import HTTPSupport
import JSONSupport

/// A handler that writes one JSON line per request to a ``RequestLogSink``, then returns the wrapped
/// handler's result unchanged.
///
/// Each line is one object (keys sorted, see ``JSONSerializer``):
/// `time` (ISO-8601 UTC with milliseconds, when the request arrived), `api` (e.g. `fortnox`),
/// `method`, `path` (as received), `query` (an object of decoded names to values; a repeated name maps
/// to an array of its values in order), `requestBody` and `responseBody` (JSON when the body parses,
/// else text, `null` when empty, bodies over 64 KiB cut to text with a `…[truncated: N bytes in total]`
/// marker), `status` (the code, or `"dropped"` with `processed` telling whether the handler acted on
/// the request first), and `delayMs` when latency was injected.
///
/// Secrets never reach the file: headers are not logged at all, and credential fields in bodies and
/// queries are replaced by `[REDACTED]` (see ``SecretRedactor``). Wrap the fault injector, not the
/// emulator, to log what the client actually saw:
/// `RequestLogger(wrapping: FaultInjector(wrapping: emulator, plan: plan), api: "fortnox", sink: sink)`.
public final class RequestLogger: SandboxRequestHandler {
    private let wrapped: any SandboxRequestHandler
    private let api: String
    private let sink: RequestLogSink
    private let clock: any WallClock

    /// Creates a logger.
    ///
    /// - Parameters:
    ///   - wrapping: The handler whose traffic is logged.
    ///   - api: The API name written in every line, e.g. `fortnox` or `severa`.
    ///   - sink: The file to append to; may be shared by several loggers.
    ///   - clock: The time source for `time` (tests pass a ``ManualWallClock``).
    public init(
        wrapping: any SandboxRequestHandler, api: String, sink: RequestLogSink, clock: any WallClock = SystemWallClock()
    ) {
        self.wrapped = wrapping
        self.api = api
        self.sink = sink
        self.clock = clock
    }

    public func handle(_ request: ServerRequest) -> HandlerResult {
        let received = clock.now()
        let result = wrapped.handle(request)
        let onTokenEndpoint = SecretRedactor.isTokenEndpoint(request.path)
        var entry: [String: JSONValue] = [
            "time": .string(LogTimestamp.format(received)),
            "api": .string(api),
            "method": .string(request.method.rawValue),
            "path": .string(request.path),
            "query": query(request, onTokenEndpoint: onTokenEndpoint),
            "requestBody": RequestLogBody.render(request.body, onTokenEndpoint: onTokenEndpoint),
        ]
        switch result.outcome {
        case .response(let response):
            entry["status"] = .number(JSONNumber(response.status))
            entry["responseBody"] = RequestLogBody.render(response.body, onTokenEndpoint: onTokenEndpoint)
        case .connectionDropped(let processed):
            entry["status"] = "dropped"
            entry["processed"] = .bool(processed)
            entry["responseBody"] = .null
        }
        if result.delay > .zero {
            let (seconds, attoseconds) = result.delay.components
            entry["delayMs"] = .number(JSONNumber(seconds * 1000 + attoseconds / 1_000_000_000_000_000))
        }
        var line: [UInt8] = []
        line.reserveCapacity(512)
        JSONSerializer.write(.object(entry), to: &line)
        sink.append(line: line)
        return result
    }

    private func query(_ request: ServerRequest, onTokenEndpoint: Bool) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for item in request.query {
            let value: JSONValue =
                SecretRedactor.isSensitive(item.name, onTokenEndpoint: onTokenEndpoint)
                ? .string(SecretRedactor.marker) : .string(item.value)
            switch members[item.name] {
            case nil: members[item.name] = value
            case .array(let values)?: members[item.name] = .array(values + [value])
            case let existing?: members[item.name] = .array([existing, value])
            }
        }
        return .object(members)
    }
}
