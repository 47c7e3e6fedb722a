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
        // As root Chromium refuses to start with its sandbox; the page is our own file.
        let arguments =
            ["--headless", "--disable-gpu", "--no-first-run", "--user-data-dir=\(scratch.file("profile"))"]
            + (geteuid() == 0 ? ["--no-sandbox"] : []) + ["--dump-dom", URL(fileURLWithPath: path).absoluteString]
        let result = try await ToolProcess.run(binary, arguments, environment: ["HOME": scratch.path])
        try #require(result.status == 0, "chromium --dump-dom exited \(result.status): \(result.errorOutput)")
        return result.output
    }

    /// `text` as Chromium serialises a text node: `&`, `<`, `>` and no-break spaces escaped.
    static func serializedText(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\u{00A0}", with: "&nbsp;")
    }
}
