import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Loads a page in headless Chromium and returns the DOM the browser built from it, as the HTML
/// report tests need it (`scripts/install-dependencies.sh` installs Debian's `chromium`).
enum HeadlessChromium {
    /// The browser: `$CHROMIUM` when set, else the first of `chromium` and `chromium-browser` on the
    /// usual paths; `nil` when none is installed.
    static func binaryPath() -> String? {
        if let explicit = ProcessInfo.processInfo.environment["CHROMIUM"] { return explicit }
        let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/local/bin/chromium"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The serialised DOM of the file at `path` after Chromium loaded it (`--dump-dom`).
    ///
    /// - Throws: When Chromium is missing (the test fails saying how to install it) or exits non-zero.
    static func dumpDOM(ofFile path: String) async throws -> String {
        let binary = try #require(
            binaryPath(), "Chromium is not installed; run scripts/install-dependencies.sh (Debian package chromium)")
        let scratch = try TemporaryDirectory()
        let outputPath = scratch.file("dom.html")
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        // As root Chromium refuses to start with its sandbox; the page is our own file.
        process.arguments =
            ["--headless", "--disable-gpu", "--no-first-run", "--user-data-dir=\(scratch.file("profile"))"]
            + (geteuid() == 0 ? ["--no-sandbox"] : []) + ["--dump-dom", URL(fileURLWithPath: path).absoluteString]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": scratch.path, "LANG": "C.UTF-8"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
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
        try #require(status == 0, "chromium --dump-dom exited \(status)")
        return try String(contentsOfFile: outputPath, encoding: .utf8)
    }

    /// `text` as Chromium serialises a text node: `&`, `<`, `>` and no-break spaces escaped.
    static func serializedText(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\u{00A0}", with: "&nbsp;")
    }
}
