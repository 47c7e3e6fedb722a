import FortnoxSandbox
public import Foundation
import Glibc
public import JSONSupport
import SandboxKit
import SeveraSandbox

/// Saving and restoring a sandbox (`brygga sandbox serve --state FILE`): one JSON document holding
/// both emulators' exported states and a format version.
///
/// ```json
/// {"format":"brygga-sandbox-state/1","fortnox":{…FortnoxEmulator.exportState()…},
///  "severa":{…SeveraEmulator.exportState()…}}
/// ```
/// The document holds live tokens: write it owner-only.
extension SandboxEnvironment {
    /// The `format` value of a state document.
    public static let stateFormat = "brygga-sandbox-state/1"

    /// Both emulators' state as one document.
    public func exportState() -> JSONValue {
        ["format": .string(Self.stateFormat), "fortnox": fortnox.exportState(), "severa": severa.exportState()]
    }

    /// ``exportState()`` as the bytes of a state file (compact JSON and a newline).
    public func stateData() -> Data {
        var bytes: [UInt8] = []
        JSONSerializer.write(exportState(), to: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        return Data(bytes)
    }

    /// Replaces both emulators' state with a saved one. Use a fresh environment: when the Severa part
    /// is refused after the Fortnox part was taken, Fortnox keeps the loaded state.
    ///
    /// - Parameters:
    ///   - data: A state file's bytes (see ``stateData()``).
    ///   - file: The file's name, for errors.
    /// - Throws: ``SandboxDocumentError`` naming the file, the place in the document and the problem.
    public func importState(_ data: Data, file: String) throws(SandboxDocumentError) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(data)
        } catch {
            throw SandboxDocumentError(file: file, path: "", reason: "not a sandbox state: \(error.description)")
        }
        guard document["format"]?.stringValue == Self.stateFormat else {
            throw SandboxDocumentError(file: file, path: "format", reason: "expected \"\(Self.stateFormat)\"")
        }
        for api in ["fortnox", "severa"] where document[api]?.objectValue == nil {
            throw SandboxDocumentError(file: file, path: api, reason: "expected the \(api) emulator's state object")
        }
        do {
            try fortnox.importState(document["fortnox"] ?? .null)
        } catch {
            throw Self.documentError(error, api: "fortnox", file: file)
        }
        do {
            try severa.importState(document["severa"] ?? .null)
        } catch {
            throw Self.documentError(error, api: "severa", file: file)
        }
    }

    /// Reads a state file and restores it (see ``importState(_:file:)``).
    ///
    /// - Throws: ``SandboxDocumentError`` when the file cannot be read or is not a valid state.
    public func loadState(fromFile path: String) throws(SandboxDocumentError) {
        try importState(try Self.readFile(path), file: path)
    }

    /// An emulator's error with its path made absolute in the document (`tokens.access` from the
    /// Fortnox emulator is `fortnox.tokens.access`).
    private static func documentError(_ error: SandboxStateError, api: String, file: String) -> SandboxDocumentError {
        let path = error.path == api || error.path.hasPrefix(api + ".") ? error.path : "\(api).\(error.path)"
        return SandboxDocumentError(file: file, path: path, reason: error.reason)
    }

    /// The whole regular file at `path`.
    private static func readFile(_ path: String) throws(SandboxDocumentError) -> Data {
        func failure(_ code: Int32) -> SandboxDocumentError {
            let why = code == EINVAL ? "not a regular file" : String(cString: strerror(code))
            return SandboxDocumentError(file: path, path: "", reason: "cannot read: \(why)")
        }
        var descriptor: Int32
        repeat { descriptor = open(path, O_RDONLY | O_CLOEXEC) } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { throw failure(errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure(errno) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw failure(EINVAL) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size))
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count < 0 { throw failure(errno) }
            if count == 0 { break }
            bytes += buffer[..<count]
        }
        return Data(bytes)
    }
}
