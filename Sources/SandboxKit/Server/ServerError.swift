/// Why a ``LoopbackServer`` could not start.
public struct ServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Hashable {
            case alreadyStarted
            case socketFailed
            case bindFailed
            case listenFailed
        }

        private let value: Value

        /// ``LoopbackServer/start()`` was called a second time, or after ``LoopbackServer/stop()``.
        public static let alreadyStarted = Code(value: .alreadyStarted)
        /// No socket could be created (e.g. the process is out of file descriptors).
        public static let socketFailed = Code(value: .socketFailed)
        /// The address could not be bound (e.g. the requested port is in use).
        public static let bindFailed = Code(value: .bindFailed)
        /// The socket could not listen.
        public static let listenFailed = Code(value: .listenFailed)

        public var description: String {
            switch value {
            case .alreadyStarted: "already started"
            case .socketFailed: "socket failed"
            case .bindFailed: "bind failed"
            case .listenFailed: "listen failed"
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// What happened, naming the server and the address, e.g.
    /// `fortnox: cannot bind 127.0.0.1:8080: Address already in use`.
    public let message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
