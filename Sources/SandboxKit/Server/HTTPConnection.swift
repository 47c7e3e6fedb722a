import Foundation
import Glibc
import HTTPSupport
import JSONSupport

/// Serves one accepted connection on its own thread: reads requests in order (pipelined requests
/// included), hands each to the handler and writes the answer before reading the next.
///
/// Confined to its thread; the owner closes the descriptor after ``run()`` returns.
final class HTTPConnection {
    private let descriptor: Int32
    private let handler: any SandboxRequestHandler
    private let configuration: LoopbackServer.Configuration
    private let buffer: ReceiveBuffer
    private let parser: RequestHeadParser
    private var writer = ResponseHeadWriter()

    /// Creates a connection for an accepted descriptor.
    init(descriptor: Int32, handler: any SandboxRequestHandler, configuration: LoopbackServer.Configuration) {
        self.descriptor = descriptor
        self.handler = handler
        self.configuration = configuration
        self.buffer = ReceiveBuffer(capacity: max(64 * 1024, configuration.maximumHeadBytes + 4096))
        self.parser = RequestHeadParser(
            maximumHeadBytes: configuration.maximumHeadBytes, maximumHeaderCount: configuration.maximumHeaderCount)
    }

    /// Serves requests until the client closes, asks to close, idles out, or the server stops.
    func run() {
        SocketIO.setOption(descriptor, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
        SocketIO.setTimeout(descriptor, name: SO_RCVTIMEO, duration: configuration.idleTimeout)
        SocketIO.setTimeout(descriptor, name: SO_SNDTIMEO, duration: configuration.idleTimeout)
        while true {
            do throws(ConnectionEnd) {
                let (head, body) = try readRequest()
                guard serve(head: head, body: body) else { return }
            } catch {
                if case .rejected(let rejection) = error { answer(rejection) }
                return
            }
        }
    }

    /// Calls the handler and delivers its outcome; returns whether to read another request.
    private func serve(head: RequestHead, body: Data) -> Bool {
        let request = ServerRequest(
            method: HTTPMethod(rawValue: head.method), target: head.target, headers: head.headers, body: body)
        let result = handler.handle(request)
        if result.delay > .zero { SocketIO.waitForHangUp(descriptor, timeout: result.delay) }
        if let hold = result.hold,
            !hold.waitBlocking(clientHungUp: { SocketIO.peerClosed(descriptor, within: .milliseconds(20)) })
        {
            return false
        }
        guard case .response(let response) = result.outcome else { return false }
        let keepAlive = head.allowsKeepAlive
        let connection: ResponseHeadWriter.ConnectionHeader =
            !keepAlive ? .close : head.isHTTP11 ? .none : .keepAlive
        guard send(response, connection: connection, omitBody: head.isHead) else { return false }
        if !keepAlive { lingeringClose() }
        return keepAlive
    }

    /// Reads the next request's head and body.
    private func readRequest() throws(ConnectionEnd) -> (RequestHead, Data) {
        let head = try readHead()
        let bodyReader = RequestBodyReader(
            descriptor: descriptor, buffer: buffer, maximumBodyBytes: configuration.maximumBodyBytes,
            maximumLineBytes: configuration.maximumHeadBytes)
        if let length = head.contentLength, length > configuration.maximumBodyBytes {
            throw .rejected(
                RequestRejection(status: 413, message: "body larger than \(configuration.maximumBodyBytes) bytes"))
        }
        if head.expectsContinue, head.hasBody, buffer.count == 0 {
            guard SocketIO.sendAll(descriptor, Self.continueLine) else { throw .closed }
        }
        let body =
            head.isChunked ? try bodyReader.readChunked() : try bodyReader.readFixed(length: head.contentLength ?? 0)
        return (head, body)
    }

    private func readHead() throws(ConnectionEnd) -> RequestHead {
        while true {
            let scan: RequestHeadParser.Scan
            do throws(RequestRejection) {
                scan = try parser.scan(buffer.readable)
            } catch {
                throw .rejected(error)
            }
            if case .complete(let start, let end) = scan {
                defer { buffer.consume(end) }
                do throws(RequestRejection) {
                    return try parser.parse(UnsafeRawBufferPointer(rebasing: buffer.readable[start..<end]))
                } catch {
                    throw .rejected(error)
                }
            }
            guard let received = buffer.fill(from: descriptor), received > 0 else { throw .closed }
        }
    }

    private func send(_ response: HTTPResponse, connection: ResponseHeadWriter.ConnectionHeader, omitBody: Bool)
        -> Bool
    {
        writer.write(
            status: response.status, headers: response.headers, bodyLength: response.body.count,
            connection: connection)
        let sendsBody = !omitBody && StatusReason.allowsBody(response.status) && !response.body.isEmpty
        return writer.bytes.withUnsafeBytes { head in
            guard sendsBody else {
                return SocketIO.sendAll(descriptor, head: head, body: UnsafeRawBufferPointer(start: nil, count: 0))
            }
            return response.body.withUnsafeBytes { body in SocketIO.sendAll(descriptor, head: head, body: body) }
        }
    }

    /// Answers a request the server refuses, then closes.
    private func answer(_ rejection: RequestRejection) {
        let body = JSONSerializer.data(["message": .string(rejection.message)])
        let response = HTTPResponse(
            status: rejection.status, headers: ["Content-Type": "application/json; charset=utf-8"], body: body)
        if send(response, connection: .close, omitBody: false) { lingeringClose() }
    }

    /// Stops sending, then reads and discards what the client still sends (for at most
    /// ``LoopbackServer/Configuration/lingerTimeout``), so closing with unread data does not reset the
    /// connection before the client has read the answer.
    private func lingeringClose() {
        shutdown(descriptor, Int32(SHUT_WR))
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: configuration.lingerTimeout)
        while true {
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero, SocketIO.waitReadable(descriptor, timeout: remaining) else { return }
            buffer.removeAll()
            guard let received = buffer.fill(from: descriptor), received > 0 else { return }
        }
    }

    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
}
