import BryggaCLI
import Foundation
import JSONSupport
import Sandbox

#if canImport(Glibc)
    import Glibc
#endif

/// One `brygga sandbox serve` child with a request log and a clock control, a configuration for it,
/// and the `brygga` commands a benchmark runs against it as real processes.
final class RequestsBenchmarkRig {
    let directory: URL
    /// The binary serving the sandbox (it needs `--clock-control`).
    let binary: String
    /// The binary whose commands are counted (another build's, to compare).
    let runner: String
    let child: SandboxServeChild
    let configuration: URL
    private let requestLog: URL
    private let clockFile: URL
    private var logOffset = 0
    private var clockOffset: TimeInterval = 0

    /// Starts the sandbox (Severa holding `customers` and `products`, Fortnox empty) and authorizes Brygga.
    ///
    /// - Parameters:
    ///   - brygga: The binary serving the sandbox.
    ///   - runner: The binary whose commands are counted.
    ///   - directory: Where the configuration, state, log and clock file go.
    ///   - customers: Severa customers to seed.
    ///   - products: Severa products to seed.
    ///   - realLimits: Whether both APIs' rate limits apply (else they are off on both sides).
    ///   - mappings: A mappings override document for the configuration, if any.
    /// - Throws: ``BenchmarkError`` when the sandbox or `brygga auth fortnox` fails.
    init(
        brygga: String, runner: String, directory: URL, customers: Int, products: Int, realLimits: Bool,
        mappings: JSONValue? = nil
    ) throws(BenchmarkError) {
        self.directory = directory
        self.binary = brygga
        self.runner = runner
        requestLog = directory.appending(path: "requests.jsonl")
        clockFile = directory.appending(path: "clock")
        configuration = directory.appending(path: "brygga.json")
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .failed("cannot create \(directory.path): \(error)")
        }
        child = try SandboxServeChild(
            brygga: brygga,
            options: [
                "--severa-only", "--customers", String(customers), "--products", String(products), "--request-log",
                requestLog.path, "--clock-control", clockFile.path,
            ] + (realLimits ? [] : ["--no-rate-limits"]), directory: directory)
        let mappingsFile = directory.appending(path: "mappings.json")
        do {
            if let mappings { try JSONSerializer.data(mappings).write(to: mappingsFile) }
            try JSONSerializer.data(document(realLimits: realLimits, mappings: mappings.map { _ in mappingsFile.path }))
                .write(to: configuration)
        } catch {
            child.stop()
            throw .failed("cannot write \(configuration.path): \(error)")
        }
        try self.brygga(["auth", "fortnox", "--code", child.ready.fortnoxAuthorizationCode])
        _ = requests()
    }

    func stop() { child.stop() }

    /// Runs `brygga ARGUMENTS --config …` and returns its standard output.
    ///
    /// - Throws: ``BenchmarkError`` when it cannot start or exits with a status other than 0 or 1
    ///   (1: some records failed, which a benchmark with deliberately failing records expects).
    @discardableResult
    func brygga(_ arguments: [String]) throws(BenchmarkError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: runner)
        process.arguments = arguments + ["--config", configuration.path]
        var environment = ProcessInfo.processInfo.environment
        environment[ClientSecrets.severaVariable] = child.ready.credentials.severaClientSecret
        environment[ClientSecrets.fortnoxVariable] = child.ready.credentials.fortnoxClientSecret
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw .failed("cannot start \(runner): \(error)")
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard [0, 1].contains(process.terminationStatus) else {
            throw .failed(
                "brygga \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(message)\(text)")
        }
        return text
    }

    /// The requests logged since the last call.
    func requests() -> RequestLogTally {
        let data = (try? Data(contentsOf: requestLog)) ?? Data()
        let start = min(logOffset, data.count)
        logOffset = data.count
        return RequestLogTally(data.subdata(in: start..<data.count))
    }

    /// Moves the sandbox's clock `seconds` ahead (as the time between two cron runs), without waiting.
    func advanceClock(by seconds: TimeInterval) throws(BenchmarkError) {
        clockOffset += seconds
        let temporary = directory.appending(path: "clock.tmp")
        do {
            try Data("\(clockOffset)\n".utf8).write(to: temporary)
        } catch {
            throw .failed("cannot move the sandbox clock: \(error)")
        }
        guard rename(temporary.path, clockFile.path) == 0 else {
            throw .failed("cannot move the sandbox clock: rename to \(clockFile.path) failed (errno \(errno))")
        }
    }

    /// A configuration for the sandbox; without real limits Brygga's own limits are out of the way too.
    private func document(realLimits: Bool, mappings: String?) -> JSONValue {
        let ready = child.ready
        var severa: [String: JSONValue] = [
            "baseURL": .string(ready.severaBaseURL), "clientID": .string(ready.credentials.severaClientID),
        ]
        var fortnox: [String: JSONValue] = [
            "apiBaseURL": .string(ready.fortnoxBaseURL), "authBaseURL": .string(ready.fortnoxBaseURL),
            "clientID": .string(ready.credentials.fortnoxClientID),
            "redirectURI": "https://brygga.example.com/callback",
        ]
        if !realLimits {
            severa["rateLimit"] = ["requests": 10_000, "perSeconds": 1]
            fortnox["rateLimit"] = ["requests": 10_000, "perSeconds": 1]
        }
        var document: [String: JSONValue] = [
            "version": 1, "enabled": true, "stateDatabase": "state.sqlite", "severa": .object(severa),
            "fortnox": .object(fortnox),
        ]
        if let mappings { document["mappings"] = .string(mappings) }
        return .object(document)
    }
}
