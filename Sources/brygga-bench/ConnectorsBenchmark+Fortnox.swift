import FortnoxConnector
import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SyncCore

/// The Fortnox figures: (a) the request rate the connector achieves against the emulator's sliding
/// window, and (b) requests per record and records per second when listing customers.
extension ConnectorsBenchmark {
    /// An emulator behind a request counter on a loopback server, and an authorized connector reaching
    /// it through `URLSessionTransport`.
    private struct FortnoxRig {
        let emulator: FortnoxEmulator
        let traffic: ConnectorsBenchmarkTraffic
        let server: LoopbackServer
        let session: URLSessionTransport
        let connector: FortnoxConnector

        init(rateLimit: Int?, rateWindow: TimeInterval, clientLimit: RateLimit) throws(BenchmarkError) {
            let clock = SystemWallClock()
            emulator = FortnoxEmulator(
                configuration: .init(rateLimit: rateLimit, rateWindow: rateWindow), clock: clock)
            traffic = ConnectorsBenchmarkTraffic(wrapping: emulator)
            server = LoopbackServer(name: "bench-fortnox", handler: traffic)
            do { try server.start() } catch { throw .failed(error.description) }
            session = URLSessionTransport()
            guard let base = server.baseURL else { throw .failed("the loopback server has no address") }
            let defaults = FortnoxEmulator.Configuration()
            do {
                let oauth = try FortnoxOAuthConfiguration(
                    clientID: defaults.clientID, clientSecret: defaults.clientSecret,
                    redirectURI: "https://brygga.example/callback", authorizationBaseURL: base)
                connector = FortnoxConnector(
                    configuration: try FortnoxConnector.Configuration(
                        apiBaseURL: base, oauth: oauth, rateLimit: clientLimit),
                    tokenStore: InMemoryTokenStore(), transport: session, clock: clock)
            } catch {
                throw .failed("\(error)")
            }
            let code = emulator.issueAuthorizationCode(scopes: Set(FortnoxConnector.requiredScopes))
            let connector = self.connector
            _ = try ConnectorsBenchmark.wait { try await connector.authorize(code: code) }
        }

        func stop() {
            server.stop()
            session.invalidate()
        }
    }

    /// (a) `--requests` GETs from 8 workers against the emulator's 25-per-5-s window scaled `--scale`
    /// times, on the real clock, with ``RateLimit/fortnox`` scaled the same way.
    static func fortnoxRate(_ settings: Settings) throws(BenchmarkError) {
        let real = RateLimit.fortnox
        let scale = settings.scale
        let window = real.window / scale
        let clientLimit = RateLimit(
            maxRequests: real.maxRequests, window: window, safetyMargin: real.safetyMargin / scale,
            maxInFlight: real.maxInFlight)
        let rig = try FortnoxRig(
            rateLimit: real.maxRequests, rateWindow: window.timeInterval, clientLimit: clientLimit)
        defer { rig.stop() }
        do {
            _ = try rig.emulator.seed(.customers, ["CustomerNumber": "1", "Name": "Exempel AB"])
        } catch {
            throw .failed("\(error)")
        }
        let total = settings.requests
        let connector = rig.connector
        let started = ContinuousClock.now
        let workers = 8
        let outcome = try wait { () async -> (completions: [Duration], failures: [String]) in
            await withTaskGroup(of: ([Duration], [String]).self) { group in
                for worker in 0..<workers {
                    let share = total / workers + (worker < total % workers ? 1 : 0)
                    group.addTask {
                        var completions: [Duration] = []
                        var failures: [String] = []
                        for _ in 0..<share {
                            do throws(ConnectorError) {
                                _ = try await connector.customers.find(naturalKey: "1")
                                completions.append(ContinuousClock.now - started)
                            } catch {
                                failures.append(error.description)
                            }
                        }
                        return (completions, failures)
                    }
                }
                var completions: [Duration] = []
                var failures: [String] = []
                for await (done, failed) in group {
                    completions += done
                    failures += failed
                }
                return (completions.sorted(), failures)
            }
        }
        let elapsed = (outcome.completions.last ?? Duration.zero).timeInterval
        let allowed = Double(real.maxRequests) / window.timeInterval
        let overall = Double(outcome.completions.count) / max(elapsed, 0.001)
        // A sliding window admits a full window's worth at once, so the requests beyond that first burst,
        // over the time from the first to the last completion, is the sustained rate.
        let span = ((outcome.completions.last ?? .zero) - (outcome.completions.first ?? .zero)).timeInterval
        let sustained = Double(max(0, outcome.completions.count - real.maxRequests)) / max(span, 0.001)
        let counts = rig.traffic.counts
        print(
            """
            Fortnox rate limit: emulator window \(real.maxRequests) per \(window) (Fortnox's \(real.maxRequests) per \
            \(real.window) scaled \(scale)×), real clock, loopback, URLSessionTransport, 8 workers
              client limit:  \(clientLimit)
              requests:      \(outcome.completions.count) ok, \(outcome.failures.count) failed, \
            \(counts.rateLimited) answered 429 (\(counts.requests) reached the emulator)
              elapsed:       \(format(elapsed, 2)) s
              sustained:     \(format(sustained, 2)) requests/s = \(format(100 * sustained / allowed)) % of the allowed \
            \(format(allowed)) requests/s (the first window's burst of \(real.maxRequests) left out)
              overall:       \(format(overall, 2)) requests/s including that burst
            """)
        if let first = outcome.failures.first { print("  first failure: \(first)") }
    }

    /// (b) `--records` customers listed with the emulator's rate limit off: requests per record and
    /// records per second, and what that means under Fortnox's real limit.
    static func fortnoxListing(_ settings: Settings) throws(BenchmarkError) {
        let unlimited = RateLimit(
            maxRequests: 1_000_000, window: .seconds(1), maxInFlight: RateLimit.fortnox.maxInFlight)
        let rig = try FortnoxRig(rateLimit: nil, rateWindow: 5, clientLimit: unlimited)
        defer { rig.stop() }
        let count = settings.records
        do {
            for number in 1...count {
                _ = try rig.emulator.seed(
                    .customers,
                    [
                        "CustomerNumber": .string(String(number)), "Name": .string("Kund \(number) AB"),
                        "Address1": "Storgatan 1", "ZipCode": "111 22", "City": "Stockholm", "CountryCode": "SE",
                        "Email": .string("faktura@kund\(number).se"), "VATNumber": .string("SE55\(number)01"),
                    ])
            }
        } catch {
            throw .failed("\(error)")
        }
        let connector = rig.connector
        let started = ContinuousClock.now
        let (records, unreadable) = try wait { () async throws -> (Int, Int) in
            var records = 0
            var unreadable = 0
            for try await page in connector.customers.changes(since: nil) {
                for item in page.items {
                    if case .record = item { records += 1 } else { unreadable += 1 }
                }
            }
            return (records, unreadable)
        }
        let elapsed = (ContinuousClock.now - started).timeInterval
        let counts = rig.traffic.counts
        let perRecord = Double(counts.lists + counts.details) / Double(max(records, 1))
        let real = RateLimit.fortnox
        let realRate = Double(real.maxRequests) / real.countedInterval.timeInterval
        let realRecordRate = realRate / perRecord
        print(
            """
            Fortnox listing: \(count) customers, emulator rate limit off, loopback, URLSessionTransport, \
            \(unlimited.maxInFlight) in flight
              records:       \(records) read, \(unreadable) unreadable
              requests:      \(counts.lists) list + \(counts.details) detail = \(counts.lists + counts.details) \
            (\(format(perRecord, 4)) per record)
              elapsed:       \(format(elapsed, 2)) s = \(format(Double(records) / max(elapsed, 0.001), 0)) records/s
              under Fortnox's limit (\(real)): \(format(realRate, 2)) requests/s = \(format(realRecordRate, 2)) \
            records/s, \(count) customers ≈ \(format(Double(count) / realRecordRate / 60)) min
            """)
    }
}
