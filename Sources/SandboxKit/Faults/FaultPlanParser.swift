import HTTPSupport

/// Parses the fault spec grammar documented on ``FaultPlan``.
enum FaultPlanParser {
    static let knownMethods: [HTTPMethod] = [
        .get, .post, .put, .patch, .delete, .init(rawValue: "HEAD"), .init(rawValue: "OPTIONS"),
    ]

    static func parse(_ spec: String) throws(FaultSpecError) -> FaultPlan {
        var plan = FaultPlan()
        var seenSeed = false
        let clauses = spec.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "" }
            .flatMap { $0.split(separator: ";") }
            .map { $0.trimmingBlanks() }
            .filter { !$0.isEmpty }
        for (index, clause) in clauses.enumerated() {
            let parser = ClauseParser(number: index + 1, clause: clause)
            if let seed = try parser.parseSeed() {
                guard !seenSeed else { throw parser.error(token: clause, expected: "only one seed clause") }
                seenSeed = true
                plan.seed = seed
            } else {
                plan.rules.append(try parser.parseRule())
            }
        }
        return plan
    }
}

/// Parses one clause, producing errors that name it.
private struct ClauseParser {
    let number: Int
    let clause: String

    func error(token: some StringProtocol, expected: String) -> FaultSpecError {
        FaultSpecError(clauseNumber: number, clause: clause, token: String(token), expected: expected)
    }

    /// The seed when the clause is `seed=N`, `nil` when it is not a seed clause.
    func parseSeed() throws(FaultSpecError) -> UInt64? {
        guard let equals = clause.firstIndex(of: "="),
            clause[..<equals].trimmingBlanks().lowercased() == "seed"
        else { return nil }
        let value = clause[clause.index(after: equals)...].trimmingBlanks()
        guard let seed = UInt64(value) else { throw error(token: value, expected: "an unsigned 64-bit integer seed") }
        return seed
    }

    func parseRule() throws(FaultSpecError) -> FaultRule {
        guard let colon = clause.firstIndex(of: ":") else {
            throw error(token: clause, expected: "a rule \"[METHODS] PATTERN: FAULT, ...\" or \"seed=N\"")
        }
        let head = clause[..<colon].split(whereSeparator: { $0 == " " || $0 == "\t" })
        let methods: Set<HTTPMethod>?
        let patternText: Substring
        switch head.count {
        case 0: throw error(token: "", expected: "a path pattern such as /3/customers/* before ':'")
        case 1:
            methods = nil
            patternText = head[0]
        case 2:
            methods = try parseMethods(head[0])
            patternText = head[1]
        default: throw error(token: head[2], expected: "\"[METHODS] PATTERN\" before ':'")
        }
        let pattern = try parsePattern(patternText)
        let items = clause[clause.index(after: colon)...].split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingBlanks() }
        var rule = FaultRule(methods: methods, pathPattern: pattern, faults: [])
        var seenRetryAfter = false
        for item in items {
            guard !item.isEmpty else { throw error(token: "", expected: "a fault after ':' or ','") }
            if item.lowercased().hasPrefix("retry-after") {
                guard !seenRetryAfter else { throw error(token: item, expected: "only one retry-after per rule") }
                seenRetryAfter = true
                rule.retryAfterSeconds = try parseRetryAfter(item)
            } else {
                rule.faults.append(try FaultParser(clause: self).parse(item))
            }
        }
        guard !rule.faults.isEmpty else {
            throw error(token: clause, expected: "at least one fault besides retry-after")
        }
        return rule
    }

    private func parseMethods(_ text: Substring) throws(FaultSpecError) -> Set<HTTPMethod>? {
        if text == "*" { return nil }
        var methods: Set<HTTPMethod> = []
        for name in text.split(separator: "|", omittingEmptySubsequences: false) {
            let method = HTTPMethod(rawValue: String(name))
            guard FaultPlanParser.knownMethods.contains(method) else {
                throw error(
                    token: name,
                    expected: "a method (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS), several joined with '|', or *")
            }
            methods.insert(method)
        }
        return methods
    }

    private func parsePattern(_ text: Substring) throws(FaultSpecError) -> PathPattern {
        guard text == "*" || text.hasPrefix("/") else {
            throw error(token: text, expected: "a path pattern starting with '/' (or '*' for every path)")
        }
        guard !text.contains("?") else { throw error(token: text, expected: "a path pattern without a query") }
        return PathPattern(String(text))
    }

    private func parseRetryAfter(_ item: String) throws(FaultSpecError) -> Int? {
        let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].trimmingBlanks().lowercased() == "retry-after" else {
            throw error(token: item, expected: "retry-after=SECONDS or retry-after=none")
        }
        let value = parts[1].trimmingBlanks()
        if value.lowercased() == "none" { return nil }
        guard let seconds = Int(value), seconds >= 0 else {
            throw error(token: value, expected: "a whole number of seconds (0 or more) or none")
        }
        return seconds
    }
}

/// Parses one fault of a rule.
private struct FaultParser {
    let clause: ClauseParser

    private static let faultNames =
        "a fault: latency=, 5xx, 500..599, burst429, drop, lost-response, commit-504, html200, truncated, "
        + "wrong-type, hold (with =RATE or @N) or retry-after="

    func parse(_ item: String) throws(FaultSpecError) -> Fault {
        guard let split = item.firstIndex(where: { $0 == "=" || $0 == "@" }) else {
            throw clause.error(token: item, expected: "\(Self.faultNames)")
        }
        let name = item[..<split].trimmingBlanks().lowercased()
        let operatorCharacter = item[split]
        let argument = item[item.index(after: split)...].trimmingBlanks()
        switch name {
        case "latency":
            guard operatorCharacter == "=" else {
                throw clause.error(token: item, expected: "latency=DURATION[..DURATION]")
            }
            return try parseLatency(argument)
        case "5xx":
            return .serverError(status: nil, trigger: try parseTrigger(operatorCharacter, argument, fault: name))
        case "burst429":
            let parts = argument.split(separator: "x", maxSplits: 1, omittingEmptySubsequences: false)
            var length = 1
            if parts.count == 2 {
                guard let count = Int(parts[1]), count >= 1 else {
                    throw clause.error(token: parts[1], expected: "a burst length of 1 or more after 'x'")
                }
                length = count
            }
            return .tooManyRequests(
                burst: length, trigger: try parseTrigger(operatorCharacter, String(parts[0]), fault: name))
        case "drop": return .dropBeforeHandling(try parseTrigger(operatorCharacter, argument, fault: name))
        case "lost-response": return .lostResponse(try parseTrigger(operatorCharacter, argument, fault: name))
        case "commit-504": return .gatewayTimeoutAfterCommit(try parseTrigger(operatorCharacter, argument, fault: name))
        case "html200": return .htmlPage(try parseTrigger(operatorCharacter, argument, fault: name))
        case "truncated": return .truncatedBody(try parseTrigger(operatorCharacter, argument, fault: name))
        case "wrong-type": return .wrongContentType(try parseTrigger(operatorCharacter, argument, fault: name))
        case "hold": return .holdAnswer(try parseTrigger(operatorCharacter, argument, fault: name))
        default:
            if let status = Int(name), (500...599).contains(status), name.count == 3 {
                return .serverError(status: status, trigger: try parseTrigger(operatorCharacter, argument, fault: name))
            }
            throw clause.error(token: item[..<split], expected: Self.faultNames)
        }
    }

    private func parseTrigger(_ operatorCharacter: Character, _ argument: String, fault: String) throws(FaultSpecError)
        -> FaultTrigger
    {
        if operatorCharacter == "@" {
            guard let index = Int(argument), index >= 1 else {
                throw clause.error(token: argument, expected: "a request number of 1 or more after \(fault)@")
            }
            return .nthRequest(index)
        }
        let isPercent = argument.hasSuffix("%")
        let number = isPercent ? String(argument.dropLast()) : argument
        guard Self.isPlainDecimal(number), let value = Double(number) else {
            throw clause.error(token: argument, expected: "a rate between 0 and 1 (e.g. 0.05 or 5%) after \(fault)=")
        }
        let rate = isPercent ? value / 100 : value
        guard rate <= 1 else {
            throw clause.error(token: argument, expected: "a rate between 0 and 1 (e.g. 0.05 or 5%) after \(fault)=")
        }
        return .probability(rate)
    }

    private func parseLatency(_ argument: String) throws(FaultSpecError) -> Fault {
        var bounds = [argument]
        if let range = argument.firstRange(of: "..") {
            bounds = [String(argument[..<range.lowerBound]), String(argument[range.upperBound...])]
        }
        guard let last = bounds.last, !bounds.contains(where: { $0.contains("..") }) else {
            throw clause.error(token: argument, expected: "latency=DURATION or latency=MIN..MAX")
        }
        let maximum = try parseDuration(last, defaultUnit: nil)
        guard bounds.count == 2 else { return .latency(minimum: maximum, maximum: maximum) }
        let minimum = try parseDuration(bounds[0], defaultUnit: Self.unit(of: last))
        guard minimum <= maximum else {
            throw clause.error(token: argument, expected: "a latency range whose minimum is not above its maximum")
        }
        return .latency(minimum: minimum, maximum: maximum)
    }

    private static let units: [(suffix: String, microseconds: Double)] = [("us", 1), ("ms", 1000), ("s", 1_000_000)]

    private static func unit(of text: String) -> String? {
        units.first { text.hasSuffix($0.suffix) && isPlainDecimal(String(text.dropLast($0.suffix.count))) }?.suffix
    }

    private func parseDuration(_ text: String, defaultUnit: String?) throws(FaultSpecError) -> Duration {
        let expected = "a duration such as 20ms, 1.5s or 500us"
        let suffix = Self.unit(of: text) ?? defaultUnit
        guard let suffix, let scale = Self.units.first(where: { $0.suffix == suffix })?.microseconds else {
            throw clause.error(token: text, expected: expected)
        }
        let number = text.hasSuffix(suffix) && Self.unit(of: text) != nil ? String(text.dropLast(suffix.count)) : text
        guard Self.isPlainDecimal(number), let value = Double(number) else {
            throw clause.error(token: text, expected: expected)
        }
        return .microseconds(Int64((value * scale).rounded()))
    }

    /// Digits with at most one decimal point and a digit before it (`0.05`, `20`, `1.5`).
    private static func isPlainDecimal(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty else { return false }
        return parts.allSatisfy { part in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}
