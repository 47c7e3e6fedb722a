import Glibc

/// The bytes a connection has received but not consumed yet, in one fixed block of memory that is
/// reused for every request on the connection (no allocation per request).
///
/// Confined to its connection's thread; not `Sendable`.
final class ReceiveBuffer {
    private let storage: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0

    /// Creates a buffer holding at most `capacity` unconsumed bytes.
    init(capacity: Int) {
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        storage.deallocate()
    }

    /// The most bytes the buffer can hold.
    var capacity: Int { storage.count }

    /// How many bytes are waiting.
    var count: Int { end - start }

    /// The waiting bytes; valid until the next mutation.
    var readable: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: storage[start..<end])
    }

    /// Drops `byteCount` bytes from the front.
    func consume(_ byteCount: Int) {
        start += byteCount
        if start == end {
            start = 0
            end = 0
        }
    }

    /// Drops everything.
    func removeAll() {
        start = 0
        end = 0
    }

    /// Receives more bytes from `descriptor` into the free space (moving waiting bytes to the front
    /// first when the tail is full).
    ///
    /// - Returns: The number of bytes received, 0 at end of stream or when the buffer is full, `nil` on
    ///   error or receive timeout.
    func fill(from descriptor: Int32) -> Int? {
        if end == storage.count, start > 0 {
            let waiting = end - start
            if let base = storage.baseAddress { memmove(base, base + start, waiting) }
            start = 0
            end = waiting
        }
        guard end < storage.count else { return 0 }
        let free = UnsafeMutableRawBufferPointer(rebasing: storage[end...])
        guard let received = SocketIO.receive(descriptor, into: free) else { return nil }
        end += received
        return received
    }
}
