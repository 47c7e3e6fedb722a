import Foundation
import HTTPSupport
import Sandbox

#if canImport(Glibc)
    import Glibc
#endif

/// `brygga sandbox serve` as a child process of a benchmark: both emulators and their records live
/// there, so the benchmark's own memory is what Brygga itself uses (`engine --sandbox process`), and
/// `brygga` processes the benchmark starts can reach it (`new-state`).
///
/// The child is started, its ready line awaited on its standard output (a blocking read, no polling),
/// its ready file read for the base URLs, credentials and a Fortnox authorization code; ``stop()``
/// sends SIGTERM and waits for it to exit. Its standard error (the seeding summary) goes to the
/// benchmark's.
final class SandboxServeChild {
    /// The child's base URLs, credentials and authorization code.
    let ready: ReadyDocument
    /// How long the child took from its start to its ready line (seeding, mostly), seconds.
    let startSeconds: Double
    private let process: Process

    /// Starts the child and waits until it is ready.
    ///
    /// - Parameters:
    ///   - brygga: The `brygga` binary.
    ///   - options: The options of `brygga sandbox serve` besides `--ready-file`.
    ///   - directory: Where to put the ready file.
    /// - Throws: ``BenchmarkError`` when the binary cannot be started, the child exits before its ready
    ///   line, or its ready file is unreadable.
    init(brygga: String, options: [String], directory: URL) throws(BenchmarkError) {
        let readyFile = directory.appending(path: "sandbox-ready.json").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: brygga)
        process.arguments = ["sandbox", "serve"] + options + ["--ready-file", readyFile]
        let output = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        let started = ContinuousClock.now
        do {
            try process.run()
        } catch {
            throw .failed("cannot start \(brygga) (build it: swift build -c release --product brygga): \(error)")
        }
        self.process = process
        guard Self.readReadyLine(from: output.fileHandleForReading) else {
            process.waitUntilExit()
            throw .failed(
                "brygga sandbox serve exited with status \(process.terminationStatus) before it was ready "
                    + "(its messages are above)")
        }
        startSeconds = (ContinuousClock.now - started).timeInterval
        do {
            ready = try ReadyDocument(data: Data(contentsOf: URL(fileURLWithPath: readyFile)), file: readyFile)
        } catch {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
            throw .failed("cannot read the sandbox's ready file: \(error)")
        }
    }

    /// Stops the child with SIGTERM and waits for it to exit.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    /// Reads the child's standard output until a whole `brygga sandbox: ready` line arrived (`true`)
    /// or the output ended (`false`).
    private static func readReadyLine(from handle: FileHandle) -> Bool {
        var output = Data()
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { return false }
            output.append(chunk)
            let lines = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            if lines.dropLast().contains(where: { $0.hasPrefix("brygga sandbox: ready") }) { return true }
        }
    }
}
