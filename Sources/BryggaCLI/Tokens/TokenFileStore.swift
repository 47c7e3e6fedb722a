import Foundation
public import HTTPSupport
import JSONSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The Fortnox OAuth tokens in a file of their own (`tokenFile`), owner-only, outside the state
/// database, so that no copy of the database (a backup, a file sent with a support question) can act
/// on the company's books (O1, issue 10).
///
/// - ``save(_:)`` replaces the file atomically and durably (``AtomicFileWriter``: a temporary file in the
///   same directory with mode 0600, write, `fsync`, rename, `fsync` of the directory): a rotated refresh
///   token is on disk before the provider uses the new access token, and a reader sees the old tokens
///   or the new, never a mix.
/// - ``exclusively(_:)`` holds ``TokenFileLock`` on `<tokenFile>.lock`, so a run and a `brygga check` (or
///   `auth fortnox`) never refresh at the same time: the second waits, re-reads and uses the first one's
///   tokens instead of spending the old refresh token again.
/// - A file readable by group or others is made owner-only when read, as the state database is; a
///   damaged file is an error that says to run `brygga auth fortnox`.
///
/// The file: `{"fortnox": {…}, "version": 1}` with the members of ``StoredTokensDocument``. No error or
/// description ever contains its contents.
public struct TokenFileStore: TokenStore {
    /// The format version written in the file.
    static let fileVersion: Int64 = 1

    /// The token file.
    public let path: String
    /// How long ``exclusively(_:)`` waits for another process's refresh before giving up.
    let lockTimeout: Duration
    private let log: any DiagnosticLog

    /// Creates a store over `path` (the file need not exist yet).
    ///
    /// - Parameters:
    ///   - path: The token file (absolute).
    ///   - lockTimeout: How long to wait for another process holding the lock.
    ///   - log: Where a wait for another process is reported.
    public init(path: String, lockTimeout: Duration = .seconds(120), log: any DiagnosticLog = NoDiagnosticLog()) {
        self.path = path
        self.lockTimeout = lockTimeout
        self.log = log
    }

    /// The token file of a state database: its path with `.tokens` appended (like its `.lock`).
    public static func defaultPath(forStateDatabase databasePath: String) -> String {
        databasePath + ".tokens"
    }

    public func load() async throws(TokenStoreError) -> StoredTokens? {
        try loadNow()
    }

    public func save(_ tokens: StoredTokens) async throws(TokenStoreError) {
        try saveNow(tokens)
    }

    public func exclusively<Result: Sendable>(
        _ body: @Sendable () async -> Result
    ) async throws(TokenStoreError) -> Result {
        let lock = try await TokenFileLock.acquire(tokenFile: path, timeout: lockTimeout, log: log)
        defer { lock.release() }
        return await body()
    }

    /// The stored tokens, read synchronously (for `brygga status` and the upgrade).
    ///
    /// - Returns: The tokens, or `nil` when the file does not exist or holds no Fortnox tokens.
    /// - Throws: ``TokenStoreError`` when the file cannot be read, is damaged, or is readable by others
    ///   and cannot be made private.
    public func loadNow() throws(TokenStoreError) -> StoredTokens? {
        let file: LocalFile
        do {
            file = try LocalFile.read(path)
        } catch {
            if error.code == ENOENT { return nil }
            throw TokenStoreError(reason: "cannot read the Fortnox tokens: \(error)")
        }
        try makePrivate(file)
        guard let document = try? JSONParser.parse(file.contents), case .object = document else {
            throw damaged("it is not a JSON object")
        }
        guard let version = document["version"]?.numberValue?.int64, version == Self.fileVersion else {
            let found = document["version"]?.numberValue?.int64
            throw damaged(
                found.map { $0 > Self.fileVersion ? "a newer Brygga wrote it (version \($0))" : "version \($0)" }
                    ?? "it has no \"version\"")
        }
        guard let fortnox = document["fortnox"] else { return nil }
        guard let tokens = StoredTokensDocument.tokens(from: fortnox) else {
            throw damaged("its \"fortnox\" member lacks a token, an expiry or the scope")
        }
        return tokens
    }

    /// Replaces the file with `tokens`, atomically and durably, owner-only.
    ///
    /// - Throws: ``TokenStoreError`` naming the file and the step that failed.
    func saveNow(_ tokens: StoredTokens) throws(TokenStoreError) {
        let document: JSONValue = [
            "version": .number(JSONNumber(Self.fileVersion)), "fortnox": StoredTokensDocument.json(tokens),
        ]
        do {
            try AtomicFileWriter.write(
                Data((JSONSerializer.string(document) + "\n").utf8), to: path, replacing: true, mode: 0o600,
                owner: owner())
        } catch {
            throw TokenStoreError(reason: "cannot save the Fortnox tokens: \(error)")
        }
    }

    /// Who the new file belongs to: the old file's owner, else its directory's. Only root can give a file
    /// away, so this keeps a service user's file when an administrator runs `brygga` as root.
    private func owner() -> FileOwner? {
        var info = stat()
        guard stat(path, &info) == 0 || stat(POSIX.directory(of: path), &info) == 0 else { return nil }
        return FileOwner(user: info.st_uid, group: info.st_gid)
    }

    /// Takes group and other permissions away from a file that has them (a copy restored loosely).
    private func makePrivate(_ file: LocalFile) throws(TokenStoreError) {
        guard file.mode & 0o077 != 0 else { return }
        guard chmod(path, file.mode & 0o700) == 0 else {
            throw TokenStoreError(
                reason: "the token file \(path) is readable by other users and Brygga cannot change that "
                    + "(\(POSIX.describe(errno: errno))); run chmod 600 on it")
        }
    }

    private func damaged(_ why: String) -> TokenStoreError {
        TokenStoreError(
            reason: "the token file \(path) is damaged (\(why)); run `brygga auth fortnox` to authorize Brygga again, "
                + "which rewrites it")
    }
}
