import Glibc

/// Opens the listening socket on 127.0.0.1 (LINUX-NOTES B3: CLOEXEC, SO_REUSEADDR, port read back
/// with `getsockname`).
enum ListeningSocket {
    /// Opens, binds and listens; returns the descriptor and the bound port.
    static func open(name: String, port: UInt16) -> Result<(Int32, UInt16), ServerError> {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else {
            return .failure(
                ServerError(
                    code: .socketFailed, message: "\(name): cannot create a socket: \(SocketIO.errnoDescription())"))
        }
        SocketIO.setOption(descriptor, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(port).bigEndian
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let reason = SocketIO.errnoDescription()
            close(descriptor)
            return .failure(
                ServerError(code: .bindFailed, message: "\(name): cannot bind 127.0.0.1:\(port): \(reason)"))
        }
        guard listen(descriptor, SOMAXCONN) == 0 else {
            let reason = SocketIO.errnoDescription()
            close(descriptor)
            return .failure(ServerError(code: .listenFailed, message: "\(name): cannot listen: \(reason)"))
        }
        var boundAddress = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &boundAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            let reason = SocketIO.errnoDescription()
            close(descriptor)
            return .failure(ServerError(code: .bindFailed, message: "\(name): cannot read the bound port: \(reason)"))
        }
        return .success((descriptor, UInt16(bigEndian: boundAddress.sin_port)))
    }
}
