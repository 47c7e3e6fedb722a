import BryggaCLI
import FortnoxSandbox
import Foundation
import JSONSupport
import Sandbox
import SandboxKit
import SeveraSandbox
import SyncCore
import SyncStore

#if canImport(Glibc)
    import Glibc
#endif

/// The world of `brygga-bench soak`: both emulators listening on loopback in this process (so the
/// soak can feed and count records directly), a directory with `brygga.json` pointing at them and the
/// state database, and the `brygga` binary started as a real process for every run.
final class SoakRig {
    /// The Severa status that sends an invoice to Fortnox, and the one it is moved to.
    static let triggerStatus = "Ready for transfer"
    static let receivedStatus = "Transferred"

    let sandbox: SandboxEnvironment
    let directory: URL
    let brygga: String
    let sample: SampleDataGenerator

    /// Starts the sandbox without faults, fills it with `size` sample data and writes the configuration.
    init(brygga: String, sample: SampleDataGenerator) throws(BenchmarkError) {
        self.brygga = brygga
        self.sample = sample
        directory = FileManager.default.temporaryDirectory.appending(path: "brygga-soak-\(getpid())")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            sandbox = try SandboxEnvironment.listening(SandboxEnvironment.Configuration(rateLimits: false))
        } catch {
            throw .failed("cannot set up the sandbox in \(directory.path): \(error)")
        }
        do {
            _ = try sandbox.populate(with: sample)
            let configuration = try configurationDocument()
            try JSONSerializer.data(configuration).write(to: directory.appending(path: "brygga.json"))
        } catch {
            sandbox.stop()
            throw .failed("cannot fill the sandbox or write brygga.json: \(error)")
        }
    }

    /// Stops the sandbox and removes the directory.
    func tearDown(keep: Bool) {
        sandbox.stop()
        if !keep { try? FileManager.default.removeItem(at: directory) }
    }

    /// Both emulators counted.
    func census() -> SandboxCensus {
        SandboxCensus(fortnoxState: sandbox.fortnox.exportState(), severaState: sandbox.severa.exportState())
    }

    /// The records of both emulators (tokens left out), to tell whether a run wrote anything.
    func records() -> JSONValue {
        [
            "fortnox": sandbox.fortnox.exportState()["tables"] ?? .null,
            "severa": sandbox.severa.exportState()["organisation"] ?? .null,
        ]
    }

    /// What a `brygga` process did.
    struct Outcome {
        /// The exit status, or 128 + the signal that ended it.
        var status: Int32
        /// Whether the soak killed it.
        var killed: Bool
        /// The last line of its standard error, if any.
        var lastError: String
    }

    /// Runs `brygga arguments` in the directory; with `killAfter`, sends SIGKILL that long after the
    /// start unless it ended before.
    func brygga(_ arguments: [String], killAfter: Duration? = nil) throws(BenchmarkError) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: brygga)
        process.arguments = arguments + ["--config", directory.appending(path: "brygga.json").path]
        process.currentDirectoryURL = directory
        process.environment = environment
        let errorFile = directory.appending(path: "stderr.txt")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let errors: FileHandle
        do {
            errors = try FileHandle(forWritingTo: errorFile)
        } catch {
            throw .failed("cannot open \(errorFile.path): \(error)")
        }
        defer { try? errors.close() }
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .failed("cannot start \(brygga) (build it: swift build -c release): \(error)")
        }
        var killed = false
        if let killAfter {
            let nanoseconds =
                UInt64(killAfter.components.seconds) * 1_000_000_000
                + UInt64(killAfter.components.attoseconds / 1_000_000_000)
            if done.wait(timeout: .now() + .nanoseconds(Int(nanoseconds))) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                killed = true
                done.wait()
            }
        } else {
            done.wait()
        }
        process.waitUntilExit()
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let text = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
        let lastError = text.split(separator: "\n").last.map(String.init) ?? ""
        return Outcome(status: status, killed: killed, lastError: lastError)
    }

    /// Stores Fortnox tokens as the administrator's consent would (`brygga auth fortnox --code`).
    func authorize() throws(BenchmarkError) {
        let outcome = try brygga(["auth", "fortnox", "--code", sandbox.issueFortnoxAuthorizationCode()])
        guard outcome.status == 0 else {
            throw .failed("brygga auth fortnox exited \(outcome.status): \(outcome.lastError)")
        }
    }

    /// The state database's open write intents and invoices whose Severa status move is unconfirmed.
    func openWork() throws(BenchmarkError) -> (intents: [WriteIntent], awaitingStatusMove: Int) {
        do {
            let store = try SQLiteStateStore(path: directory.appending(path: "state.sqlite").path)
            return (try store.openIntents(), try store.invoiceTransferCounts().awaitingStatusMove)
        } catch {
            throw .failed("cannot read the state database: \(error)")
        }
    }

    /// Whether the transfer log holds a failure with a reason for the record `key` of `entity`.
    func heldBackWithReason(_ entity: EntityKind, key: String) throws(BenchmarkError) -> Bool {
        do {
            let store = try SQLiteStateStore(path: directory.appending(path: "state.sqlite").path)
            let failures = try store.transferLog(
                matching: TransferLogQuery(entity: entity, actions: [.failed], limit: 100_000))
            return failures.contains { $0.naturalKey == key && !($0.reason ?? "").isEmpty }
        } catch {
            throw .failed("cannot read the transfer log: \(error)")
        }
    }

    /// How many transfer log entries say a record (or fee, or invoice) was adopted: created by a run
    /// that was killed or lost the answer, found afterwards and linked instead of created again.
    func adoptions() throws(BenchmarkError) -> Int {
        do {
            let store = try SQLiteStateStore(path: directory.appending(path: "state.sqlite").path)
            let entries = try store.transferLog(matching: TransferLogQuery(limit: 1_000_000))
            return entries.count { $0.reason?.contains("adopted") == true }
        } catch {
            throw .failed("cannot read the transfer log: \(error)")
        }
    }

    /// The client secrets as `brygga` reads them from the environment.
    private var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        let credentials = sandbox.configuration.credentials
        environment[ClientSecrets.severaVariable] = credentials.severaClientSecret
        environment[ClientSecrets.fortnoxVariable] = credentials.fortnoxClientSecret
        return environment
    }

    /// Every flow on, the invoice statuses of the sample organisation, a budget far above what the
    /// sandbox (without rate limits) needs so the client paces nothing.
    private func configurationDocument() throws(BenchmarkError) -> JSONValue {
        guard let servers = sandbox.servers else { throw .failed("the sandbox is not listening") }
        let credentials = sandbox.configuration.credentials
        let fast: JSONValue = ["requests": 10_000, "perSeconds": 1]
        return [
            "version": 1, "enabled": true, "stateDatabase": "state.sqlite",
            "severa": [
                "baseURL": .string(servers.severaBaseURL), "clientID": .string(credentials.severaClientID),
                "rateLimit": fast,
            ],
            "fortnox": [
                "apiBaseURL": .string(servers.fortnoxBaseURL), "authBaseURL": .string(servers.fortnoxBaseURL),
                "clientID": .string(credentials.fortnoxClientID),
                "redirectURI": "https://brygga.example.com/callback", "rateLimit": fast,
            ],
            "flows": [
                "products": true, "customers": true, "projects": true, "invoices": true, "projectFees": true,
            ],
            "invoices": ["triggerStatus": .string(Self.triggerStatus), "receivedStatus": .string(Self.receivedStatus)],
        ]
    }
}
