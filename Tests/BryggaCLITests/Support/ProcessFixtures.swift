import Glibc

/// A loopback port nothing listens on (the kernel picks a free one, which is then closed again), for
/// tests of what happens when a server is down.
func unusedLoopbackPort() throws -> UInt16 {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0
        }
    }
    guard bound else { throw FixtureError() }
    return UInt16(bigEndian: address.sin_port)
}

/// A loopback port or a script could not be made.
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
