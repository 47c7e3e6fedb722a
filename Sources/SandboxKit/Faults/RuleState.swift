/// The runtime state of one rule: how many requests it matched and one stream per fault.
struct RuleState {
    var matched = 0
    var streams: [FaultStream]

    /// Creates the state of every rule of `plan`.
    ///
    /// Each fault's stream is salted with its rule's methods and pattern, the fault as written and how
    /// many identical (rule, fault) pairs came before it, not with positions: adding, removing or
    /// reordering other rules and faults leaves a fault's sequence unchanged.
    static func states(for plan: FaultPlan) -> [RuleState] {
        var occurrences: [[String]: Int] = [:]
        return plan.rules.map { rule in
            let target = rule.matchDescription
            let streams = rule.faults.map { fault in
                let key = [target, fault.description]
                let occurrence = occurrences[key, default: 0]
                occurrences[key] = occurrence + 1
                return FaultStream(seed: plan.seed, salts: key + [String(occurrence)])
            }
            return RuleState(streams: streams)
        }
    }
}
