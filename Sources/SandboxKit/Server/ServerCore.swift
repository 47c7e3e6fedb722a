import Dispatch
import Foundation
import Glibc
import Synchronization

/// The running part of a ``LoopbackServer``: the listening socket, the accept thread and one thread
/// per connection. Kept apart from ``LoopbackServer`` so the threads do not keep the server object
/// alive: dropping the server stops them.
final class ServerCore: Sendable {
    private struct State {
        var listener: Int32?
        var port: UInt16?
        var started = false
        var stopping = false
        var connections: Set<Int32> = []
    }

    let name: String
    private let handler: any SandboxRequestHandler
    private let configuration: LoopbackServer.Configuration
    private let state = Mutex(State())
    /// Entered by the accept thread and every connection thread; ``stop()`` waits for it.
    private let threads = DispatchGroup()
    /// One permit per connection that may be served; the accept thread waits for a permit.
    private let slots: DispatchSemaphore

    init(name: String, handler: any SandboxRequestHandler, configuration: LoopbackServer.Configuration) {
        self.name = name
        self.handler = handler
        self.configuration = configuration
        self.slots = DispatchSemaphore(value: max(1, configuration.maximumConnections))
    }

    /// The bound port, once started and until stopped.
    var port: UInt16? {
        state.withLock { $0.stopping ? nil : $0.port }
    }

    func start() throws(ServerError) -> UInt16 {
        let result: Result<(Int32, UInt16), ServerError> = state.withLock { state in
            guard !state.started, !state.stopping else {
                return .failure(ServerError(code: .alreadyStarted, message: "\(name): a server starts only once"))
            }
            let opened = ListeningSocket.open(name: name, port: configuration.port)
            if case .success(let (listener, port)) = opened {
                state.started = true
                state.listener = listener
                state.port = port
                threads.enter()
            }
            return opened
        }
        let (listener, port) = try result.get()
        let thread = Thread { [self] in
            acceptLoop(listener: listener)
            threads.leave()
        }
        thread.name = "\(name)-accept"
        thread.start()
        return port
    }

    private func acceptLoop(listener: Int32) {
        while true {
            slots.wait()
            if isStopping {
                slots.signal()
                return
            }
            guard let descriptor = SocketIO.accept(listener) else {
                let code = errno
                slots.signal()
                if isStopping { return }
                switch code {
                case ECONNABORTED, EPROTO, EPERM: continue
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    // Out of descriptors or memory: wait a little instead of spinning.
                    _ = SocketIO.waitReadable(listener, timeout: .milliseconds(50))
                    continue
                default: return
                }
            }
            let admitted = state.withLock { state in
                guard !state.stopping else { return false }
                state.connections.insert(descriptor)
                threads.enter()
                return true
            }
            guard admitted else {
                close(descriptor)
                slots.signal()
                return
            }
            let thread = Thread { [self] in
                HTTPConnection(descriptor: descriptor, handler: handler, configuration: configuration).run()
                finish(descriptor)
            }
            thread.name = "\(name)-connection"
            thread.start()
        }
    }

    private var isStopping: Bool {
        state.withLock { $0.stopping }
    }

    /// Forgets and closes a connection whose thread is done.
    private func finish(_ descriptor: Int32) {
        // Removed under the lock before closing, so `stop()` never shuts down a reused descriptor number.
        state.withLock { _ = $0.connections.remove(descriptor) }
        close(descriptor)
        slots.signal()
        threads.leave()
    }

    func stop() {
        let listener: Int32? = state.withLock { state in
            guard !state.stopping else { return nil }
            state.stopping = true
            // shutdown wakes a thread blocked in recv/send/poll at once; close alone would not
            // (LINUX-NOTES B3). Done under the lock: each descriptor is still open and ours.
            for descriptor in state.connections { shutdown(descriptor, Int32(SHUT_RDWR)) }
            if let listener = state.listener { shutdown(listener, Int32(SHUT_RDWR)) }
            return state.listener
        }
        slots.signal()
        threads.wait()
        if let listener { close(listener) }
    }
}
