import Foundation
import HTTPSupport
import JSONSupport
import SyncStore

/// Moves the Fortnox tokens an earlier Brygga kept in the state database's `secrets` table into the
/// token file, so that the database holds no credential (issue 10).
///
/// Every step is safe to be killed at, and the next start finishes the work:
/// 1. under ``TokenFileLock``, the rows are read; unless the token file exists already (it is then the
///    newer copy: a start killed after writing it, or a refresh since), the tokens are written to it and
///    synced to disk;
/// 2. the operator is told, once, that older copies of the database still hold a refresh token;
/// 3. the rows are deleted with their bytes zeroed, together with a marker that a scrub is owed;
/// 4. while the run lock is held, the database is vacuumed and its write-ahead log truncated
///    (``SQLiteStateStore/scrubDeletedSecrets()``), and the marker cleared.
///
/// Killed after 1, the next start finds both the file and the rows: it keeps the file and deletes the
/// rows. Killed after 3 or during the vacuum, the marker makes the next run vacuum again.
enum TokenFileUpgrade {
    /// The `secrets` row earlier Brygga versions kept the Fortnox tokens in.
    static let legacySecretName = "fortnox.oauth-tokens"

    /// Steps 1 to 3 when the state database still holds secrets; a single cheap query otherwise.
    ///
    /// - Parameters:
    ///   - store: The opened state database.
    ///   - configuration: Where the database and the token file are.
    ///   - console: Where the one-time notice goes (standard error).
    /// - Throws: `StateStoreError` or ``TokenStoreError`` when a step fails; the rows are then kept.
    static func moveTokens(
        from store: SQLiteStateStore, configuration: BryggaConfiguration, console: any Console
    ) throws {
        guard try store.hasLegacySecrets() else { return }
        let tokenFile = TokenFileStore(path: configuration.tokenFilePath)
        let lock = try TokenFileLock.acquireBlocking(tokenFile: tokenFile.path, timeout: tokenFile.lockTimeout)
        defer { lock.release() }
        // Another process may have moved them while this one waited for the lock.
        let rows = try store.legacySecrets()
        guard !rows.isEmpty else { return }
        let database = configuration.stateDatabasePath
        if FileManager.default.fileExists(atPath: tokenFile.path) {
            console.printError(notice(database: database, tokenFile: tokenFile.path, moved: "were already in"))
        } else if let text = rows[legacySecretName], let document = try? JSONParser.parse(text),
            let tokens = StoredTokensDocument.tokens(from: document)
        {
            try tokenFile.saveNow(tokens)
            console.printError(notice(database: database, tokenFile: tokenFile.path, moved: "moved to"))
        } else {
            console.printError(
                "the state database \(database) held Fortnox tokens Brygga cannot read; they are deleted. Run "
                    + "`brygga auth fortnox` to authorize Brygga again.")
        }
        try store.deleteLegacySecrets()
    }

    /// Step 4: removes every copy of the deleted rows from the database file; call only while holding
    /// the run lock (the vacuum keeps other writers waiting). A failure (a full disk: a vacuum needs
    /// room for a second copy) is reported and left for the next run; it never stops the command.
    ///
    /// - Parameters:
    ///   - store: The opened state database.
    ///   - console: Where a failure is reported.
    static func scrub(_ store: SQLiteStateStore, console: any Console) {
        do {
            try store.scrubDeletedSecrets()
        } catch {
            console.printError(
                "could not yet remove the deleted Fortnox tokens from the state database (\(error)); "
                    + "the next run tries again")
        }
    }

    /// What the operator is told when the tokens leave the database.
    static func notice(database: String, tokenFile: String, moved: String) -> String {
        "the Fortnox tokens in the state database \(database) \(moved) the owner-only token file \(tokenFile) "
            + "and are deleted from the database. Copies of the database made before now (backups, files sent "
            + "along with a support question) still hold a Fortnox refresh token until Brygga's next token "
            + "refresh spends it (refresh tokens are single use); `brygga auth fortnox` rotates it at once. "
            + "Protect the token file like a password."
    }
}
