import BryggaCLI
import Foundation
import HTTPSupport
import Testing

/// The token file: owner-only, replaced atomically, never shown, a damaged one named with what to do (O1).
@Suite struct TokenFileStoreTests {
    static let tokens = StoredTokens(
        accessToken: "access-SECRET-0123456789", accessTokenExpiresAt: Date(timeIntervalSince1970: 1_800_000_000.25),
        refreshToken: "refresh-SECRET-9876543210", refreshTokenExpiresAt: Date(timeIntervalSince1970: 1_803_888_000),
        scope: "customer article")

    @Test("O1: saved tokens are read back from an owner-only file that replaced the old one whole")
    func savedTokensAreReadBackFromAnOwnerOnlyFile() async throws {
        let directory = try TemporaryDirectory()
        let store = TokenFileStore(path: directory.file("state.sqlite.tokens"))
        #expect(try await store.load() == nil)
        var older = Self.tokens
        older.refreshToken = "refresh-SECRET-older"
        try await store.save(older)
        try await store.save(Self.tokens)

        #expect(try await TokenFileStore(path: store.path).load() == Self.tokens)
        #expect(try directory.permissions(of: "state.sqlite.tokens") == 0o600)
        let text = try directory.read("state.sqlite.tokens")
        #expect(text.contains("\"version\":1") && !text.contains("older"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers.sorted() == ["state.sqlite.tokens"], "no temporary file is left behind")
    }

    @Test("O1: a token file readable by other users is made owner-only when it is read")
    func looseFileIsMadePrivate() async throws {
        let directory = try TemporaryDirectory()
        let store = TokenFileStore(path: directory.file("tokens"))
        try await store.save(Self.tokens)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: store.path)

        #expect(try await store.load() == Self.tokens)
        #expect(try directory.permissions(of: "tokens") == 0o600)
    }

    @Test(
        "O1: a damaged token file is an error naming the file and `brygga auth fortnox`, never its contents",
        arguments: [
            ("", "not a JSON object"),
            ("{\"version\":1,\"fortnox\":{\"accessToken\":\"access-SECRET-77\"", "not a JSON object"),
            ("[\"refresh-SECRET-77\"]", "not a JSON object"),
            ("{\"fortnox\":{\"refreshToken\":\"refresh-SECRET-77\"}}", "no \"version\""),
            ("{\"version\":2,\"fortnox\":{\"refreshToken\":\"refresh-SECRET-77\"}}", "a newer Brygga wrote it"),
            ("{\"version\":1,\"fortnox\":{\"refreshToken\":\"refresh-SECRET-77\"}}", "lacks a token"),
        ])
    func damagedFileSaysToAuthorizeAgain(contents: String, why: String) async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write(contents, to: "tokens")
        let error = await #expect(throws: TokenStoreError.self) { try await TokenFileStore(path: path).load() }
        let message = error?.description ?? ""
        #expect(message.contains("the token file \(path) is damaged ("), "\(message)")
        #expect(message.contains(why), "\(message)")
        #expect(message.contains("run `brygga auth fortnox`"))
        #expect(!message.contains("SECRET"))
    }

    @Test("O1: a token file without Fortnox tokens is no tokens, not damage")
    func fileWithoutFortnoxTokensIsEmpty() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("{\"version\":1}\n", to: "tokens")
        #expect(try await TokenFileStore(path: path).load() == nil)
    }

    @Test("O1: a failed save names the file and the step, never a token")
    func failedSaveShowsNoToken() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("missing-directory/tokens")
        let error = await #expect(throws: TokenStoreError.self) {
            try await TokenFileStore(path: path).save(Self.tokens)
        }
        #expect(
            error?.reason.contains("cannot save the Fortnox tokens: cannot create \(path)") == true,
            "\(String(describing: error))")
        #expect(error?.description.contains("SECRET") == false)
    }
}
