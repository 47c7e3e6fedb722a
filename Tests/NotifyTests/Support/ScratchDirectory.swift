import Foundation
import Glibc

/// A fresh directory under the system temporary directory, removed when the value is released.
final class ScratchDirectory: Sendable {
    /// The absolute path.
    let path: String

    /// Creates a unique directory.
    init() throws {
        path = FileManager.default.temporaryDirectory.path + "/brygga-notify-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The absolute path of `name` inside the directory.
    func file(_ name: String) -> String {
        path + "/" + name
    }

    /// Writes `text` to `name` with permission bits `mode` and returns the path.
    @discardableResult
    func write(_ text: String, to name: String, mode: Int = 0o600) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: file(name)))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file(name))
        return file(name)
    }

    /// Writes an executable shell script `name` with `body` after the `#!/bin/sh` line.
    ///
    /// The file is written through a close-on-exec descriptor: a child that another test spawns at
    /// the same moment must not inherit it open for writing, or running the script would fail with
    /// "Text file busy" (ETXTBSY) for as long as that child lives.
    @discardableResult
    func script(_ name: String, _ body: String) throws -> String {
        let path = file(name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o700)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        let bytes = Array(("#!/bin/sh\n" + body + "\n").utf8)
        guard bytes.withUnsafeBytes({ Glibc.write(descriptor, $0.baseAddress, $0.count) }) == bytes.count else {
            throw POSIXError(.EIO)
        }
        return path
    }

    /// The bytes of `name`.
    func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: file(name))))
    }
}
