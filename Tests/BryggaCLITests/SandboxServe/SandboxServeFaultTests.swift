import Foundation
import HTTPSupport
import Sandbox
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The `--faults` of `brygga sandbox serve` that answer with something that is not the API's, and the
/// held answer released by SIGUSR1, through the built binary.
@Suite struct SandboxServeFaultTests {
    @Test("A hold fault holds the answer until SIGUSR1, announcing it; html200 serves a maintenance page")
    func heldAnswerIsReleasedBySIGUSR1() async throws {
        let directory = try TemporaryDirectory()
        let server = try await SandboxServeProcess.start(
            [
                "--size", "small", "--ready-file", "ready.json", "--faults",
                "GET /3/units: hold@1; GET /3/articles: html200@1",
            ],
            in: directory.path)
        let ready = try ReadyDocument(
            data: Data(contentsOf: URL(fileURLWithPath: directory.file("ready.json"))), file: "ready.json")
        let client = SandboxAPIClient(ready: ready)
        let released = Mutex(false)

        async let held = { () async throws -> (status: Int, afterRelease: Bool) in
            let answer = try await client.send(.get, ready.fortnoxBaseURL + "/3/units")
            return (answer.status, released.withLock { $0 })
        }()
        let announcement = await server.line(startingWith: "brygga sandbox: holding the answer to GET /3/units")
        #expect(announcement?.hasSuffix("(1 so far); kill -USR1 \(server.processID) releases it") == true)
        released.withLock { $0 = true }
        kill(server.processID, SIGUSR1)
        let answer = try await held
        #expect(answer.status == 401, "the emulator's own answer (no token), delivered")
        #expect(answer.afterRelease, "only after SIGUSR1")

        let page = try await client.send(.get, ready.fortnoxBaseURL + "/3/articles")
        #expect(page.status == 200)
        #expect(page.headers["Content-Type"] == "text/html; charset=utf-8")
        #expect(String(decoding: page.body, as: UTF8.self).hasPrefix("<!DOCTYPE html>"))

        let outcome = await server.stop(with: SIGTERM)
        #expect(outcome.status == 0, "\(outcome.errorOutput)")
        #expect(outcome.errorOutput.contains("brygga sandbox: SIGUSR1 released 1 held answer(s)"))
    }

    @Test("SIGUSR2 pauses the --faults, announcing it, and a second SIGUSR2 resumes them (a soak's clean run)")
    func faultsArePausedAndResumedBySIGUSR2() async throws {
        let directory = try TemporaryDirectory()
        let server = try await SandboxServeProcess.start(
            ["--size", "small", "--ready-file", "ready.json", "--faults", "GET /3/units: html200=1"],
            in: directory.path)
        let ready = try ReadyDocument(
            data: Data(contentsOf: URL(fileURLWithPath: directory.file("ready.json"))), file: "ready.json")
        let client = SandboxAPIClient(ready: ready)
        let units = ready.fortnoxBaseURL + "/3/units"

        let faulty = try await client.send(.get, units)
        kill(server.processID, SIGUSR2)
        let paused = await server.line(startingWith: "brygga sandbox: SIGUSR2 paused the faults")
        let clean = try await client.send(.get, units)
        kill(server.processID, SIGUSR2)
        let resumed = await server.line(startingWith: "brygga sandbox: SIGUSR2 resumed the faults")
        let faultyAgain = try await client.send(.get, units)

        #expect(faulty.headers["Content-Type"] == "text/html; charset=utf-8", "the fault applies before SIGUSR2")
        #expect(paused != nil)
        #expect(clean.status == 401, "the emulator's own answer (no token) while paused")
        #expect(clean.headers["Content-Type"]?.hasPrefix("application/json") == true)
        #expect(resumed != nil)
        #expect(faultyAgain.headers["Content-Type"] == "text/html; charset=utf-8", "the fault applies again")
        let outcome = await server.stop(with: SIGTERM)
        #expect(outcome.status == 0, "\(outcome.errorOutput)")
    }
}
