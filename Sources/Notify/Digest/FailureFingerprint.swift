/// The stable identity of a failure across runs: SHA-256 of `entity|side|source id|rule|reason`.
///
/// Each part is escaped (`\` → `\\`, `|` → `\|`) before joining, so a `|` inside a reason cannot
/// make two different failures collide; an absent part is empty.
enum FailureFingerprint {
    /// The fingerprint as 64 hexadecimal digits.
    static func make(entity: String, side: RecordSide?, sourceID: String?, rule: String?, reason: String) -> String {
        let parts = [entity, side?.rawValue ?? "", sourceID ?? "", rule ?? "", reason]
        return SHA256.hexDigest(Array(parts.map(escaped).joined(separator: "|").utf8))
    }

    private static func escaped(_ part: String) -> String {
        var result = ""
        for character in part {
            if character == "\\" || character == "|" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
