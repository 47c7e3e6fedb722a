/// "Did you mean …?" for mistyped keys, options and command names.
package enum NameSuggestion {
    /// The candidate closest to `name`, when it is close enough to be a likely typo.
    ///
    /// Compares case-insensitively by edit distance; a candidate qualifies when it differs by at most
    /// a third of its length (at least one edit) or when one name contains the other.
    ///
    /// - Parameters:
    ///   - name: What was typed.
    ///   - candidates: The names that exist.
    /// - Returns: The best candidate, or `nil`.
    package static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let typed = Array(name.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates.sorted() {
            let known = Array(candidate.lowercased())
            let distance = editDistance(typed, known)
            let contained = typed.count >= 3 && (candidate.lowercased().contains(name.lowercased()))
            guard distance <= max(1, known.count / 3) || contained else { continue }
            if best == nil || distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// The Levenshtein distance between two character arrays.
    private static func editDistance(_ left: [Character], _ right: [Character]) -> Int {
        if left.isEmpty { return right.count }
        if right.isEmpty { return left.count }
        var previous = Array(0...right.count)
        var current = [Int](repeating: 0, count: right.count + 1)
        for (leftIndex, leftCharacter) in left.enumerated() {
            current[0] = leftIndex + 1
            for (rightIndex, rightCharacter) in right.enumerated() {
                let substitution = previous[rightIndex] + (leftCharacter == rightCharacter ? 0 : 1)
                current[rightIndex + 1] = min(substitution, previous[rightIndex + 1] + 1, current[rightIndex] + 1)
            }
            swap(&previous, &current)
        }
        return previous[right.count]
    }
}
