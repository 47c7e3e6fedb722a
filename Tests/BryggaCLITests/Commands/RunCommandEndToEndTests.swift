import BryggaCLI
import Foundation
import JSONSupport
import Sandbox
import Testing

/// `brygga run` through the built binary against a loopback sandbox.
@Suite struct RunCommandEndToEndTests {
    @Test("O2: a disabled integration's run says so, exits 0 and touches nothing")
    func disabledRunDoesNothing() async throws {
        let bed = try await SyncTestbed(enabled: false, authorize: false)
        let before = bed.records()
        let result = try await bed.brygga(["run"])
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("disabled"))
        #expect(bed.records() == before)
        #expect(!FileManager.default.fileExists(atPath: bed.directory.file("state.sqlite")))
    }

    @Test("O3: a second run exits 75 while another holds the lock")
    func secondConcurrentRunExits75() async throws {
        let bed = try await SyncTestbed()
        let configuration = try ConfigurationLoader.load(path: bed.directory.file("brygga.json"))
        let lock = try configuration.acquireRunLock()
        defer { lock.release() }
        let before = bed.records()
        let result = try await bed.brygga(["run"])
        #expect(result.status == 75, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("another brygga run holds"))
        #expect(bed.records() == before)
    }

    @Test("O3: run then run again writes nothing the second time (echo suppression)")
    func secondRunWritesNothing() async throws {
        let bed = try await SyncTestbed()
        let first = try await bed.brygga(["run"])
        // The sample data's bad customers (R2.2) fail: partial failure.
        #expect(first.status == 1, "\(first.errorOutput)")
        #expect(first.output.hasPrefix("run 1: products "))
        #expect(first.output.split(separator: "\n").count == 1, "one summary line")
        #expect(
            first.errorOutput.contains(
                "'brygga status' lists them and 'brygga log --status failed' shows when each started failing"))
        let afterFirst = bed.records()
        let second = try await bed.brygga(["run"])
        #expect(second.status == 1, "\(second.errorOutput)")
        #expect(second.output.contains("customers 0 created, 0 updated, 0 linked"))
        #expect(second.output.contains("projects 0 created, 0 updated, 0 linked"))
        #expect(bed.records() == afterFirst, "the second run wrote nothing to either side")
    }

    @Test("O3: --dry-run prints the plan and changes nothing; the next real run still does the work")
    func dryRunChangesNothing() async throws {
        let bed = try await SyncTestbed()
        let before = bed.records()
        let plan = try await bed.brygga(["run", "--dry-run"])
        #expect(plan.status == 1, "the plan has failing items: \(plan.errorOutput)")
        #expect(plan.output.contains("would create in Fortnox"))
        #expect(plan.output.contains("would link"))
        #expect(plan.output.contains("the VAT number is missing"))
        #expect(plan.output.contains("dry run 1 (dry run, nothing written): "))
        #expect(bed.records() == before)
        let real = try await bed.brygga(["run"])
        #expect(real.output.range(of: #"customers [1-9][0-9]* created"#, options: .regularExpression) != nil)
        #expect(bed.records() != before)
    }

    @Test("exit 77 naming the API when credentials are refused, without the secret")
    func refusedCredentialsExit77() async throws {
        let bed = try await SyncTestbed()
        let wrongSecret = "wrong-severa-secret-7f3a9c"
        let result = try await bed.brygga(["run"], environment: ["BRYGGA_SEVERA_CLIENT_SECRET": wrongSecret])
        #expect(result.status == 77, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("Severa"))
        #expect(!(result.output + result.errorOutput).contains(wrongSecret))
    }

    @Test("exit 77 when no Fortnox tokens are stored, telling to run brygga auth fortnox")
    func missingFortnoxAuthorisationExits77() async throws {
        let bed = try await SyncTestbed(authorize: false)
        let result = try await bed.brygga(["run"])
        #expect(result.status == 77, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("brygga auth fortnox"))
    }

    @Test("exit 69 when an API cannot be reached")
    func unreachableAPIExits69() async throws {
        let bed = try await SyncTestbed()
        bed.sandbox.stop()
        let result = try await bed.brygga(["run"])
        #expect(result.status == 69, "\(result.errorOutput)")
        #expect(result.errorOutput.contains("127.0.0.1"))
    }

    @Test("O4: after a run, brygga log --status failed --json lists the run's failures as JSON lines")
    func logShowsTheRunsFailures() async throws {
        let bed = try await SyncTestbed()
        _ = try await bed.brygga(["run"])
        let result = try await bed.brygga(["log", "--run", "1", "--status", "failed", "--json"])
        #expect(result.status == 0, "\(result.errorOutput)")
        let objects = try result.output.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(objects.count >= 3, "the sample data's bad customers fail (R2.2)")
        #expect(objects.allSatisfy { $0["action"] == "failed" && $0["run"] == 1 })
        #expect(objects.contains { $0["naturalKey"] == "9001" && $0["rule"] == "R2.2" })
    }
}
