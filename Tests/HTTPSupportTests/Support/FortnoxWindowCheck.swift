import Foundation
import HTTPSupport
import SandboxKit
import Testing

/// Checks admission `times` (sorted) against Fortnox's limit: any 26 requests span more than the
/// 5.1 s the client counts over, and the sandbox's own sliding window (the server's check) rejects
/// none of them.
func expectFortnoxAcceptsEveryOne(of times: [Date], sourceLocation: SourceLocation = #_sourceLocation) {
    for index in 25..<max(25, times.count) {
        let span = times[index].timeIntervalSince(times[index - 25])
        #expect(
            span >= 5.1 - 1e-6, "requests \(index - 25) and \(index) only \(span) s apart",
            sourceLocation: sourceLocation)
    }
    let serverClock = ManualWallClock()
    let server = SlidingWindowLimiter(limit: 25, window: 5, clock: serverClock)
    var rejected = 0
    for time in times {
        serverClock.set(time)
        if server.admit(key: "token") != nil { rejected += 1 }
    }
    #expect(rejected == 0, sourceLocation: sourceLocation)
}
