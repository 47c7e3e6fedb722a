/// The random stream and burst state of one fault of one rule.
struct FaultStream {
    /// What a fault does to one request.
    enum Action: Equatable {
        case serverError(Int)
        case tooManyRequests
        case drop
        case loseResponse
        case gatewayTimeoutAfterCommit
        case htmlPage
        case truncateBody
        case relabelBody
        case holdAnswer
    }

    private var generator: SeededGenerator
    private var burstRemaining = 0

    /// Creates a stream from the plan's seed and salts naming the fault.
    init(seed: UInt64, salts: [String]) {
        generator = SeededGenerator(seed: seed, salts: salts)
    }

    /// Evaluates `fault` for the `position`th request matching its rule. Draws exactly one number
    /// (plus one to pick a 5xx status when it fires), so streams stay aligned with the request count.
    mutating func evaluate(_ fault: Fault, position: Int) -> (action: Action?, delay: Duration) {
        let draw = Double(generator.next() >> 11) * 0x1p-53
        func fires(_ trigger: FaultTrigger) -> Bool {
            switch trigger {
            case .probability(let rate): draw < rate
            case .nthRequest(let index): position == index
            }
        }
        switch fault {
        case .latency(let minimum, let maximum):
            return (nil, minimum + (maximum - minimum) * draw)
        case .serverError(let status, let trigger):
            guard fires(trigger) else { return (nil, .zero) }
            let choices = [500, 502, 503]
            return (.serverError(status ?? choices[Int(generator.next() % UInt64(choices.count))]), .zero)
        case .tooManyRequests(let burst, let trigger):
            if burstRemaining > 0 {
                burstRemaining -= 1
                return (.tooManyRequests, .zero)
            }
            guard fires(trigger) else { return (nil, .zero) }
            burstRemaining = burst - 1
            return (.tooManyRequests, .zero)
        case .dropBeforeHandling(let trigger): return (fires(trigger) ? .drop : nil, .zero)
        case .lostResponse(let trigger): return (fires(trigger) ? .loseResponse : nil, .zero)
        case .gatewayTimeoutAfterCommit(let trigger): return (fires(trigger) ? .gatewayTimeoutAfterCommit : nil, .zero)
        case .htmlPage(let trigger): return (fires(trigger) ? .htmlPage : nil, .zero)
        case .truncatedBody(let trigger): return (fires(trigger) ? .truncateBody : nil, .zero)
        case .wrongContentType(let trigger): return (fires(trigger) ? .relabelBody : nil, .zero)
        case .holdAnswer(let trigger): return (fires(trigger) ? .holdAnswer : nil, .zero)
        }
    }
}
