import Sandbox
import SandboxKit

/// `brygga sandbox serve`: both emulators on loopback with generated (or saved) data until SIGINT or
/// SIGTERM.
struct SandboxServeCommand: Command {
    let name = "serve"
    let summary = "Serve the Fortnox and Severa emulators on 127.0.0.1 until interrupted."
    let discussion = """
        Starts a Fortnox server (API under /3/, OAuth under /oauth-v1/) and a Severa server (under \
        /rest-api/) on 127.0.0.1, fills them with generated sample data (or the saved --state), writes \
        the --ready-file and prints one line to standard output:

          brygga sandbox: ready (fortnox http://127.0.0.1:P,
                                 severa http://127.0.0.1:Q/rest-api)    (one line)

        The ready file (JSON, mode 0600) holds the servers' addresses in the shape of brygga.json, \
        the credentials and a Fortnox authorization code, valid 10 minutes and once (exchange it at \
        POST <authBaseURL>/oauth-v1/token):

          {"format": "brygga-sandbox-ready/1", "pid": N,
           "fortnox": {"apiBaseURL", "authBaseURL" (the same server), "clientID",
                       "clientSecret", "tenantID", "scopes", "authorizationCode"},
           "severa": {"baseURL" (ending in /rest-api), "clientID", "clientSecret"}}

        A hold fault announces each answer it holds on standard output ("brygga sandbox: holding the \
        answer to GET /3/units (1 so far); kill -USR1 PID releases it"); SIGUSR1 releases every held \
        answer (one whose client hung up is dropped). SIGUSR2 pauses the --faults ("brygga sandbox: \
        SIGUSR2 paused the faults" on standard output), a second SIGUSR2 resumes them with fresh @N \
        counts: a soak's clean run sees no faults. SIGINT or SIGTERM stops the servers, saves \
        --state, closes the request log, removes the ready file and exits 0. A bad option or fault \
        spec exits 64; a state file that cannot be read or is not a sandbox state exits 78; a port \
        that cannot be bound exits 69.

        \(FaultPlan.syntaxHelp)
        """

    var signature: CommandSignature { CommandSignature(options: SandboxServeOptions.specs) }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let options = try SandboxServeOptions(arguments, context: context)
        let session = SandboxServeSession(options: options, console: context.console)
        do {
            try await SignalCancellation.run { try await session.serve() }
        } catch let interrupted as InterruptedError {
            // A signal is how the sandbox is meant to stop: exit 0 unless stopping itself failed.
            if let underlying = interrupted.underlying { throw underlying }
        }
        return .success
    }
}
