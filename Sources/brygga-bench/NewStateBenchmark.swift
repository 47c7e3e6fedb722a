import BryggaCLI
import Foundation
import HTTPSupport
import JSONSupport
import Sandbox

#if canImport(Glibc)
    import Glibc
#endif

/// `brygga-bench new-state`: `run`, `bootstrap`, `retry`, `log` and `status` started at the same
/// instant on a state path that does not exist yet, round after round, as real processes (O3).
///
/// Every round gets a new directory and configuration against one `brygga sandbox serve` child. The
/// five processes wait on one shared pipe and start together when it closes. A round fails when a
/// process exits with a status its command may not give there, or says the new file belongs to
/// another program or is damaged. The figure printed is the number of failed rounds.
enum NewStateBenchmark: Benchmark {
    static let name = "new-state"
    static let summary =
        "Starts run, bootstrap, retry, log and status at once on a new state path, N rounds; counts failures"
    static let optionsHelp = """
          --rounds N         rounds, each on a new state path (default 200)
          --brygga PATH      the brygga binary (default: beside brygga-bench)
        """
    static let valueOptions: Set<String> = ["rounds", "brygga"]

    /// One process of a round: its arguments and the statuses it may exit with.
    private struct Participant {
        var arguments: [String]
        var allowedStatuses: Set<Int32>
    }

    /// Without Fortnox tokens a run that holds the lock stops with 77 after opening the state; the
    /// others find the lock held (75). Reading commands must always work.
    private static let participants = [
        Participant(arguments: ["run"], allowedStatuses: [0, 1, 75, 77]),
        Participant(arguments: ["bootstrap", "customers", "--from", "severa"], allowedStatuses: [0, 1, 75, 77]),
        Participant(arguments: ["retry"], allowedStatuses: [0, 1, 75, 77]),
        Participant(arguments: ["log"], allowedStatuses: [0]),
        Participant(arguments: ["status"], allowedStatuses: [0]),
    ]

    static func run(options: BenchmarkOptions) throws(BenchmarkError) {
        let rounds = try options.integer("rounds", default: 200, range: 1...100_000)
        let brygga = try bryggaBinary(options)
        let directory = FileManager.default.temporaryDirectory.appending(path: "brygga-new-state-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .failed("cannot create \(directory.path): \(error)")
        }
        defer { try? FileManager.default.removeItem(at: directory) }
        let child = try SandboxServeChild(
            brygga: brygga, options: ["--size", "small", "--no-rate-limits"], directory: directory)
        defer { child.stop() }

        var failures: [String] = []
        let started = ContinuousClock.now
        for round in 1...rounds {
            let roundDirectory = directory.appending(path: "round-\(round)")
            failures += try runRound(round, in: roundDirectory, brygga: brygga, ready: child.ready)
            try? FileManager.default.removeItem(at: roundDirectory)
        }
        let seconds = (ContinuousClock.now - started).timeInterval
        for failure in failures.prefix(20) { print("  \(failure)") }
        print(
            "new-state: \(rounds) rounds of \(participants.count) processes started together on a new state path, "
                + "\(failures.count) failures (\(String(format: "%.1f", seconds)) s)")
        if !failures.isEmpty { throw .failed("\(failures.count) processes failed") }
    }

    /// Runs one round and returns a line per process that failed.
    private static func runRound(
        _ round: Int, in directory: URL, brygga: String, ready: ReadyDocument
    ) throws(BenchmarkError) -> [String] {
        let configuration = directory.appending(path: "brygga.json")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try JSONSerializer.data(configurationDocument(ready)).write(to: configuration)
        } catch {
            throw .failed("cannot write \(configuration.path): \(error)")
        }
        let gate = Pipe()
        var processes: [(Participant, Process, Pipe)] = []
        for participant in participants {
            let process = Process()
            let errors = Pipe()
            // Each process blocks reading the shared gate; closing its write end starts them all at once.
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments =
                ["-c", "read -r _; exec \"$0\" \"$@\"", brygga] + participant.arguments
                + ["--config", configuration.path]
            process.environment = environment(ready)
            process.standardInput = gate.fileHandleForReading
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            do {
                try process.run()
            } catch {
                throw .failed("cannot start \(brygga): \(error)")
            }
            processes.append((participant, process, errors))
        }
        try? gate.fileHandleForWriting.close()
        var failures: [String] = []
        for (participant, process, errors) in processes {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            let status = process.terminationStatus
            let foreign = message.contains("another program") || message.contains("damaged")
            if !participant.allowedStatuses.contains(status) || foreign {
                let command = participant.arguments.joined(separator: " ")
                let firstLine = message.split(separator: "\n").first.map(String.init) ?? ""
                failures.append("round \(round): brygga \(command) exited \(status): \(firstLine)")
            }
        }
        return failures
    }

    /// A configuration for the sandbox with a state path that does not exist yet.
    private static func configurationDocument(_ ready: ReadyDocument) -> JSONValue {
        [
            "version": 1, "enabled": true, "stateDatabase": "state.sqlite",
            "severa": ["baseURL": .string(ready.severaBaseURL), "clientID": .string(ready.credentials.severaClientID)],
            "fortnox": [
                "apiBaseURL": .string(ready.fortnoxBaseURL), "authBaseURL": .string(ready.fortnoxBaseURL),
                "clientID": .string(ready.credentials.fortnoxClientID),
                "redirectURI": "https://brygga.example.com/callback",
            ],
        ]
    }

    /// The client secrets as `brygga` reads them from the environment.
    private static func environment(_ ready: ReadyDocument) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment[ClientSecrets.severaVariable] = ready.credentials.severaClientSecret
        environment[ClientSecrets.fortnoxVariable] = ready.credentials.fortnoxClientSecret
        return environment
    }

    /// The `brygga` binary: `--brygga`, or the one beside this benchmark.
    private static func bryggaBinary(_ options: BenchmarkOptions) throws(BenchmarkError) -> String {
        if let path = options.text("brygga") { return path }
        guard let bench = Bundle.main.executableURL else {
            throw .usage("cannot tell where brygga-bench is; give --brygga PATH")
        }
        return bench.deletingLastPathComponent().appending(path: "brygga").path
    }
}
