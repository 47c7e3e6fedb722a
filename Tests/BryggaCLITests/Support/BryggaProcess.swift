import Foundation
import Testing

/// What a run of the `brygga` binary did.
struct BryggaProcessResult: Sendable {
    /// The exit status (or 128 + signal when the process was killed by one).
    let status: Int32
    /// Everything written to standard output.
    let output: String
    /// Everything written to standard error.
    let errorOutput: String
}

/// Runs the built `brygga` binary for end-to-end tests.
///
/// The binary is `$BRYGGA_BINARY` when set, else `brygga` next to the test bundle in the build
/// directory (`swift build --build-tests` builds both), else `.build/debug/brygga` in the package.
/// The child gets a small, fixed environment (nothing inherited, so no secret of the test machine
/// leaks in) plus what the test passes.
enum BryggaProcess {
    /// Where the binary is, or `nil` when it has not been built.
    static func binaryPath() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["BRYGGA_BINARY"] { return explicit }
        var candidates: [String] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        var directory = runner.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(directory.appendingPathComponent("brygga").path)
            directory.deleteLastPathComponent()
        }
        candidates += [Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("brygga").path]
        if let root = PackageRoot.path() { candidates.append(root + "/.build/debug/brygga") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `setpriv` dropping the capabilities that let root read and write any file, so that file modes
    /// apply to a test running as root as they do to an operator's service user.
    static let withoutFileAccessOverride = [
        "/usr/bin/setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-chown,-fowner", "--",
    ]

    /// Runs `brygga arguments` in `directory` and waits for it without blocking a thread.
    ///
    /// - Parameters:
    ///   - arguments: The words after `brygga`.
    ///   - directory: The working directory.
    ///   - environment: Variables added to the fixed environment.
    ///   - launcher: A program and its arguments that start the binary (e.g. ``withoutFileAccessOverride``);
    ///     empty to start it directly.
    ///   - started: Called with the child's process id once it runs (e.g. to signal it).
    /// - Returns: Status and output.
    /// - Throws: When the binary is missing or cannot be started.
    static func run(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], launcher: [String] = [],
        started: @Sendable (Int32) -> Void = { _ in }
    ) async throws -> BryggaProcessResult {
        let built = try #require(binaryPath(), "build the brygga binary first: swift build --build-tests")
        let binary = launcher.first ?? built
        let arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [built] + arguments
        let capture = try TemporaryDirectory()
        let outputPath = capture.file("stdout")
        let errorPath = capture.file("stderr")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"].merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                let killed = finished.terminationReason == .uncaughtSignal
                continuation.resume(returning: killed ? 128 + finished.terminationStatus : finished.terminationStatus)
            }
            do {
                try process.run()
                started(process.processIdentifier)
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try output.close()
        try error.close()
        return BryggaProcessResult(
            status: status,
            output: try String(contentsOfFile: outputPath, encoding: .utf8),
            errorOutput: try String(contentsOfFile: errorPath, encoding: .utf8)
        )
    }
}
