import Foundation

/// Runs a system tool (bash, groff) for tests that check what Brygga generates for them.
enum ToolProcess {
    /// Whether `path` is an executable file on this machine.
    static func exists(_ path: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: path)
    }

    /// Runs `executable arguments` with `input` on standard input and waits for it without blocking
    /// a thread.
    ///
    /// - Parameters:
    ///   - executable: The program's absolute path.
    ///   - arguments: Its arguments.
    ///   - input: What it reads on standard input.
    ///   - environment: Variables added to a fixed `PATH` and `LANG` (nothing else is inherited).
    ///   - directory: The working directory; the current one when `nil`.
    /// - Returns: Status and output.
    /// - Throws: When the tool cannot be started.
    static func run(
        _ executable: String, _ arguments: [String], input: String = "", environment: [String: String] = [:],
        in directory: String? = nil
    ) async throws -> BryggaProcessResult {
        let files = try TemporaryDirectory()
        let inputPath = try files.write(input, to: "stdin")
        _ = FileManager.default.createFile(atPath: files.file("stdout"), contents: nil)
        _ = FileManager.default.createFile(atPath: files.file("stderr"), contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: files.file("stdout")))
        let error = try FileHandle(forWritingTo: URL(fileURLWithPath: files.file("stderr")))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"].merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle(forReadingAtPath: inputPath)
        process.standardOutput = output
        process.standardError = error
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try output.close()
        try error.close()
        return BryggaProcessResult(
            status: status, output: try files.read("stdout"), errorOutput: try files.read("stderr"))
    }
}
