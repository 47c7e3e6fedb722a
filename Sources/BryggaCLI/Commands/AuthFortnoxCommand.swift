import FortnoxConnector
import Foundation
import HTTPSupport

/// `brygga auth fortnox [--code CODE]`: the Fortnox administrator's authorisation (O1).
struct AuthFortnoxCommand: Command {
    let name = "fortnox"
    let summary = "Authorise Brygga at Fortnox: print the consent URL, or store the tokens for a code."
    let discussion = """
        Without --code it prints the URL the Fortnox administrator opens to approve Brygga (the \
        configured client id, redirect URI and scopes, with offline access so a refresh token is \
        issued). Fortnox then redirects to the redirect URI with ?code=…&state=…; the code is valid \
        10 minutes and once.

        With --code it exchanges the code at Fortnox's token endpoint and writes the tokens to the \
        token file (tokenFile; by default the state database's path with .tokens appended), \
        owner-only, replaced atomically and synced to disk, under the run lock. Afterwards runs \
        refresh the tokens themselves; a rotated refresh token is stored before it is used. Neither \
        the code nor a token is ever printed. Exit 77 when Fortnox refuses the code (get a new one), 69 when it cannot be \
        reached, 75 while a run holds the lock.
        """

    var signature: CommandSignature {
        CommandSignature(options: [
            .config,
            .single("code", valueName: "CODE", help: "The authorization code from the redirect to exchange and store."),
        ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        guard let code = arguments.value("code") else {
            printConsentURL(configuration, console: context.console)
            return .success
        }
        let secret = try context.loadSecrets(for: configuration).fortnox()
        let lock = try configuration.acquireRunLock()
        defer { lock.release() }
        // Opening the state database moves an earlier Brygga's tokens out of it first.
        _ = try StateStoreOpening.open(configuration, console: context.console, runLock: lock)
        let transport = URLSessionTransport()
        defer { transport.invalidate() }
        let fortnox = try BryggaRuntime.fortnoxConnector(
            configuration: configuration, secret: secret, tokenStore: TokenFileStore(path: configuration.tokenFilePath),
            transport: transport)
        let grant = try await SignalCancellation.run { try await fortnox.authorize(code: code) }
        var text = "Fortnox authorised Brygga (scope \"\(grant.scope)\"). The tokens are stored in "
        text += "\(configuration.tokenFilePath); the access token expires "
        text += TransferLogFormatter.timestamp(grant.accessTokenExpiresAt)
        if let refresh = grant.refreshTokenExpiresAt {
            text += ", the refresh token " + TransferLogFormatter.timestamp(refresh)
        }
        context.console.print(text + ".")
        return .success
    }

    private func printConsentURL(_ configuration: BryggaConfiguration, console: any Console) {
        let settings = configuration.fortnox
        // The consent URL carries no secret, so none is needed to print it.
        let oauth = try? settings.oauthConfiguration(secret: ClientSecret(""))
        var state = SystemRandomNumberGenerator()
        let nonce = (0..<4).map { _ in String(state.next() as UInt32, radix: 16) }.joined()
        guard let url = oauth?.authorizationURL(scopes: settings.scopes, state: nonce) else { return }
        console.print("Open this URL as the Fortnox administrator and approve Brygga:")
        console.print("")
        console.print("  \(url.absoluteString)")
        console.print("")
        console.print("Fortnox then redirects to \(settings.redirectURI.absoluteString)?code=CODE&state=\(nonce).")
        console.print("Within 10 minutes run: brygga auth fortnox --code CODE")
    }
}

/// `brygga auth`: authorisations an administrator gives Brygga.
enum AuthCommand {
    /// The `auth` group.
    static let group = CommandGroup(
        name: "auth",
        summary: "Authorise Brygga at an API (Fortnox needs its administrator's consent, O1).",
        subcommands: [AuthFortnoxCommand()]
    )
}
