extension LoopbackServer {
    /// Limits and timeouts of a ``LoopbackServer``.
    public struct Configuration: Sendable {
        /// The port to bind on 127.0.0.1; 0 (the default) lets the kernel pick a free one.
        public var port: UInt16
        /// The largest request head (request line plus header fields) in bytes; larger heads get 431
        /// (or 414 when the request line alone is too long).
        public var maximumHeadBytes: Int
        /// The most header fields in one request; more get 431.
        public var maximumHeaderCount: Int
        /// The largest request body in bytes, by `Content-Length` or after chunked decoding; larger get 413.
        public var maximumBodyBytes: Int
        /// The most connections served at once. Further clients wait in the listen backlog until a
        /// connection closes (no error is injected by the server itself).
        public var maximumConnections: Int
        /// How long a connection may sit idle (or stall mid-request) before the server closes it.
        public var idleTimeout: Duration
        /// After answering an error and closing, how long the server keeps reading (and discarding) what
        /// the client still sends, so the client sees the answer instead of a reset.
        public var lingerTimeout: Duration

        /// Creates a configuration.
        ///
        /// - Parameters:
        ///   - port: The port, 0 for any free one.
        ///   - maximumHeadBytes: The head size limit (default 16 KiB).
        ///   - maximumHeaderCount: The header field count limit (default 100).
        ///   - maximumBodyBytes: The body size limit (default 8 MiB).
        ///   - maximumConnections: The concurrent connection limit (default 256).
        ///   - idleTimeout: The idle keep-alive timeout (default 60 s).
        ///   - lingerTimeout: The lingering-close time after an error answer (default 2 s).
        public init(
            port: UInt16 = 0,
            maximumHeadBytes: Int = 16 * 1024,
            maximumHeaderCount: Int = 100,
            maximumBodyBytes: Int = 8 * 1024 * 1024,
            maximumConnections: Int = 256,
            idleTimeout: Duration = .seconds(60),
            lingerTimeout: Duration = .seconds(2)
        ) {
            self.port = port
            self.maximumHeadBytes = maximumHeadBytes
            self.maximumHeaderCount = maximumHeaderCount
            self.maximumBodyBytes = maximumBodyBytes
            self.maximumConnections = maximumConnections
            self.idleTimeout = idleTimeout
            self.lingerTimeout = lingerTimeout
        }
    }
}
