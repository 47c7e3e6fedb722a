import Glibc

/// A script could not be written.
struct FixtureError: Error {}

extension TemporaryDirectory {
    /// Writes an executable shell script `name` with `body` after the `#!/bin/sh` line and returns its
    /// path.
    ///
    /// The file is written through a close-on-exec descriptor: a child that another test spawns at
    /// the same moment must not inherit it open for writing, or running the script would fail with
    /// "Text file busy" (ETXTBSY) for as long as that child lives.
    func writeScript(_ body: String, to name: String) throws -> String {
        let path = file(name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o700)
        guard descriptor >= 0 else { throw FixtureError() }
        defer { close(descriptor) }
        let bytes = Array(("#!/bin/sh\n" + body + "\n").utf8)
        guard bytes.withUnsafeBytes({ Glibc.write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            throw FixtureError()
        }
        return path
    }
}
