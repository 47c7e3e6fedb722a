import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A running `brygga sandbox serve`, started by a test, which waits for the ready line on its standard
/// output (no polling) and can be stopped with a signal.
final class SandboxServeProcess: Sendable {
    /// What the server printed and how it ended.
    struct Outcome: Sendable {
        let status: Int32
        let output: String
        let errorOutput: String
    }

    private struct State {
        var output = Data()
        var endOfOutput = false
        var outputWaiter: CheckedContinuation<Void, Never>?
        var status: Int32?
        var exitWaiter: CheckedContinuation<Int32, Never>?
    }

    /// The ready line, e.g. `brygga sandbox: ready (fortnox http://127.0.0.1:P, severa …/rest-api)`.
    let readyLine: String
    private let process: Process
    /// The state shared with the reader thread and the termination handler.
    private final class Shared: Sendable {
        let state = Mutex(State())
    }

    private let shared: Shared
    private let errorPath: String
    private let capture: TemporaryDirectory

    private init(
        process: Process, shared: Shared, readyLine: String, errorPath: String, capture: TemporaryDirectory
    ) {
        self.process = process
        self.shared = shared
        self.readyLine = readyLine
        self.errorPath = errorPath
        self.capture = capture
    }

    /// Starts `brygga sandbox serve arguments` in `directory` and returns once it printed its ready line.
    ///
    /// - Throws: When the binary is missing, or the process ended (or stayed silent for a minute, after
    ///   which it is killed) without printing the ready line; the error shows its standard error.
    static func start(_ arguments: [String], in directory: String) async throws -> SandboxServeProcess {
        let binary = try #require(
            BryggaProcess.binaryPath(), "build the brygga binary first: swift build --build-tests")
        let capture = try TemporaryDirectory()
        let errorPath = capture.file("stderr")
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        let pipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["sandbox", "serve"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = pipe
        process.standardError = errorHandle
        let shared = Shared()
        process.terminationHandler = { finished in
            let killed = finished.terminationReason == .uncaughtSignal
            let status = killed ? 128 + finished.terminationStatus : finished.terminationStatus
            let waiter = shared.state.withLock { state in
                state.status = status
                defer { state.exitWaiter = nil }
                return state.exitWaiter
            }
            waiter?.resume(returning: status)
        }
        try process.run()
        try errorHandle.close()
        let reader = pipe.fileHandleForReading
        Thread {
            while true {
                let chunk = reader.availableData
                let waiter = shared.state.withLock { state in
                    if chunk.isEmpty { state.endOfOutput = true } else { state.output.append(chunk) }
                    defer { state.outputWaiter = nil }
                    return state.outputWaiter
                }
                waiter?.resume()
                if chunk.isEmpty { return }
            }
        }.start()
        let watchdog = Task {
            try await Task.sleep(for: .seconds(60))
            process.terminate()
        }
        defer { watchdog.cancel() }
        guard let line = await firstLine(startingWith: "brygga sandbox: ready", in: shared) else {
            let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
            throw ServeFailure(message: "brygga sandbox serve ended before it was ready: \(errors)")
        }
        return SandboxServeProcess(
            process: process, shared: shared, readyLine: line, errorPath: errorPath, capture: capture)
    }

    /// The first line of standard output starting with `prefix`, once printed; `nil` when the output ends
    /// without one.
    func line(startingWith prefix: String) async -> String? {
        await Self.firstLine(startingWith: prefix, in: shared)
    }

    private static func firstLine(startingWith prefix: String, in shared: Shared) async -> String? {
        while true {
            let (text, length, ended) = shared.state.withLock {
                (String(decoding: $0.output, as: UTF8.self), $0.output.count, $0.endOfOutput)
            }
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) { return String(line) }
            if ended { return nil }
            await withCheckedContinuation { continuation in
                let resumeNow = shared.state.withLock { state in
                    let grown = state.output.count != length || state.endOfOutput
                    if !grown { state.outputWaiter = continuation }
                    return grown
                }
                if resumeNow { continuation.resume() }
            }
        }
    }

    /// The pid of the server.
    var processID: Int32 { process.processIdentifier }

    /// Sends `signal` and waits for the process to exit.
    func stop(with signal: Int32 = SIGTERM) async -> Outcome {
        kill(process.processIdentifier, signal)
        return await waitForExit()
    }

    /// Waits for the process to exit on its own.
    func waitForExit() async -> Outcome {
        let status = await withCheckedContinuation { continuation in
            let finished = shared.state.withLock { state in
                if state.status == nil { state.exitWaiter = continuation }
                return state.status
            }
            if let finished { continuation.resume(returning: finished) }
        }
        // The reader thread sees end of file once the process (the only writer) is gone.
        while !shared.state.withLock({ $0.endOfOutput }) {
            await withCheckedContinuation { continuation in
                let ended = shared.state.withLock { state in
                    if !state.endOfOutput { state.outputWaiter = continuation }
                    return state.endOfOutput
                }
                if ended { continuation.resume() }
            }
        }
        let output = shared.state.withLock { String(decoding: $0.output, as: UTF8.self) }
        let errors = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return Outcome(status: status, output: output, errorOutput: errors)
    }

    /// The Fortnox and Severa base URLs announced in the ready line.
    var announcedURLs: (fortnox: String, severa: String)? {
        guard let open = readyLine.firstIndex(of: "("), let close = readyLine.lastIndex(of: ")") else { return nil }
        let parts = readyLine[readyLine.index(after: open)..<close].components(separatedBy: ", ")
        guard parts.count == 2, parts[0].hasPrefix("fortnox "), parts[1].hasPrefix("severa ") else { return nil }
        return (String(parts[0].dropFirst(8)), String(parts[1].dropFirst(7)))
    }
}

/// The server did not come up.
struct ServeFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
