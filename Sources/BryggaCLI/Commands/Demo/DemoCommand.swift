import Foundation

/// `brygga demo`: the newcomer's first command; Brygga working against both sandboxes in this process.
struct DemoCommand: Command {
    let name = "demo"
    let summary = "Run Brygga against both sandboxes in this process and show what it did."
    let discussion = """
        Starts the Severa and Fortnox emulators inside this process (nothing listens on the network), \
        fills them with generated Nordic sample data that includes deliberately bad records, then:

          1. bootstraps the customers from Severa to Fortnox (R2.6 a),
          2. runs all flows: products, customers, projects both ways, then
             invoices to Fortnox, project fees to Severa, paid state back,
          3. edits a customer in Severa, an article in Fortnox, and one
             customer's e-mail on both sides; the accountant books and pays
             one transferred invoice in Fortnox,
          4. runs again: the edits are carried over, the conflict goes to
             the master (Severa), the paid invoice moves to "Paid",
          5. runs once more: nothing to do.

        It prints one summary line per step, then the log entries that explain every record held back \
        and every change of step 4. The state database is kept in --state-dir (default: a new \
        temporary directory) and its path is printed. Exit status 0 when every step finished.
        """

    var signature: CommandSignature {
        CommandSignature(options: [
            .single(
                "seed", valueName: "N", help: "The sample data's seed (default 1); the same seed gives the same data."),
            .single(
                "state-dir", valueName: "DIR",
                help: "Where to create the state database (default: a new temporary directory)."),
        ])
    }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let seed = try arguments.value("seed", expected: "a whole number ≥ 0") { UInt64($0) } ?? 1
        let directory = try arguments.value("state-dir").map { context.absolutePath($0) } ?? Self.temporaryDirectory()
        let scenario = DemoScenario(console: context.console, seed: seed, stateDirectory: directory)
        return try await scenario.run()
    }

    private static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/brygga-demo-" + UUID().uuidString.prefix(8)
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw CommandFailure(.cannotCreate, "cannot create the demo's state directory \(path): \(error)")
        }
        return path
    }
}
