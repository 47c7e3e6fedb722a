/// How the digest state (the `notified_failures` rows) changes once a digest was accepted by the
/// transport; never apply it before, so a failed send is simply tried again by the next run.
package struct DigestStateChanges: Sendable, Hashable {
    /// Rows to insert or replace, by fingerprint.
    package var upserts: [NotifiedFailure]
    /// Fingerprints of rows to delete: failures that ended before they were ever mailed.
    package var deletions: [String]

    /// Creates changes.
    package init(upserts: [NotifiedFailure], deletions: [String]) {
        self.upserts = upserts
        self.deletions = deletions
    }

    /// `rows` with these changes applied, ordered by fingerprint: what a store holds afterwards.
    package func applied(to rows: [NotifiedFailure]) -> [NotifiedFailure] {
        var byFingerprint = Dictionary(rows.map { ($0.fingerprint, $0) }, uniquingKeysWith: { _, last in last })
        for fingerprint in deletions { byFingerprint[fingerprint] = nil }
        for row in upserts { byFingerprint[row.fingerprint] = row }
        return byFingerprint.values.sorted { $0.fingerprint < $1.fingerprint }
    }
}
