import BryggaCLI
import Foundation
import JSONSupport
import SyncCore
import SyncStore
import Testing

/// `brygga log` in-process over a filled state database (O4).
@Suite struct LogCommandTests {
    /// Two runs: run 1 creates 1001 and fails 1002; run 2 updates 1001 and fails 1002 again.
    static func filled() throws -> StateFixture {
        let fixture = try StateFixture()
        let first = try fixture.store.startRun(kind: .incremental, at: Date())
        var commit = StateCommit()
        commit.logEntries = [
            StateFixture.entry(run: first, .customer, .created, key: "1001", seconds: 1),
            StateFixture.entry(run: first, .customer, .failed, key: "1002", seconds: 2),
            StateFixture.entry(run: first, .project, .created, key: "2025001", seconds: 3),
        ]
        try fixture.store.commit(commit)
        let second = try fixture.store.startRun(kind: .incremental, at: Date())
        commit.logEntries = [
            StateFixture.entry(run: second, .customer, .updated, key: "1001", seconds: 61),
            StateFixture.entry(run: second, .customer, .failed, key: "1002", seconds: 62),
        ]
        try fixture.store.commit(commit)
        return fixture
    }

    /// The natural keys of the entry lines (not the indented detail lines) of `output`.
    static func keys(_ output: String) -> [String] {
        output.split(separator: "\n").filter { !$0.hasPrefix(" ") }.compactMap { line in
            line.range(of: #"key [0-9]+"#, options: .regularExpression).map { String(line[$0].dropFirst(4)) }
        }
    }

    @Test("O4: entries are shown newest last, each with its reason, fix and diff indented below")
    func showsEntriesNewestLast() async throws {
        let fixture = try Self.filled()
        let result = await fixture.brygga(["log"])
        #expect(result.status == .success, "\(result.errorOutput)")
        #expect(Self.keys(result.output) == ["1001", "1002", "2025001", "1001", "1002"])
        let lines = result.output.split(separator: "\n")
        #expect(lines.first?.hasPrefix("2026-03-02T06:00:01Z  run 1  customer  created   Severa→Fortnox") == true)
        #expect(lines.contains("    customer 1002 \"Nordlund Konsult AB\": the VAT number is missing (R2.2)"))
        #expect(lines.contains("    fix: add the VAT number in Severa"))
        #expect(lines.contains("    phone: \"+46 8 123\" → \"+46 8 456\""))
        #expect(lines.allSatisfy { $0.count <= 120 }, "fits a 120-column terminal")
    }

    @Test(
        "O4: filters by run, flow, action, record and limit",
        arguments: [
            (["--run", "2"], ["1001", "1002"]),
            (["--flow", "project"], ["2025001"]),
            (["--flow", "customers", "--status", "failed"], ["1002", "1002"]),
            (["--action", "created,updated"], ["1001", "2025001", "1001"]),
            (["--status", "failed", "--status", "created", "--run", "1"], ["1001", "1002", "2025001"]),
            (["--record", "1001"], ["1001", "1001"]),
            (["--record", "5f0c6b1e-8a2d-4c3e-9f10-2b3c4d5e6f70", "--limit", "2"], ["1001", "1002"]),
            (["--limit", "1"], ["1002"]),
            (["--since", "2026-03-02T06:01:00Z"], ["1001", "1002"]),
            (["--since", "2026-03-02", "--flow", "project"], ["2025001"]),
            (["--since", "2026-03-03"], []),
        ])
    func filters(_ options: [String], _ expected: [String]) async throws {
        let fixture = try Self.filled()
        let result = await fixture.brygga(["log"] + options)
        #expect(result.status == .success, "\(result.errorOutput)")
        #expect(Self.keys(result.output) == expected)
    }

    @Test("O4: --json prints one parseable object per line with every member")
    func jsonLinesParse() async throws {
        let fixture = try Self.filled()
        let result = await fixture.brygga(["log", "--json", "--run", "2"])
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 2)
        let objects = try lines.map { try JSONParser.parse(String($0)) }
        #expect(objects[0]["run"] == 2)
        #expect(objects[0]["action"] == "updated")
        #expect(objects[0]["direction"] == "pm_to_acct")
        #expect(objects[0]["naturalKey"] == "1001")
        #expect(objects[0]["changes"] == [["field": "phone", "old": "+46 8 123", "new": "+46 8 456"]])
        #expect(objects[1]["rule"] == "R2.2")
        #expect(objects[1]["time"] == "2026-03-02T06:01:02.000Z")
    }

    @Test(
        "bad filter values exit 64 naming the option",
        arguments: [
            (["--status", "broken"], "option --status expects one of created"),
            (
                ["--flow", "payment"],
                "option --flow expects one of product, customer, project, invoice, projectFee or paidState"
            ),
            (["--limit", "0"], "option --limit expects a whole number"),
            (["--run", "x"], "option --run expects a run id"),
            (["--since", "yesterday"], "option --since expects a date (2026-12-07), a local date and time"),
        ])
    func badFiltersExit64(_ options: [String], _ message: String) async throws {
        let fixture = try Self.filled()
        let result = await fixture.brygga(["log"] + options)
        #expect(result.status == .usage)
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
    }

    @Test("without a state database it says so and creates none")
    func missingStateDatabase() async throws {
        let directory = try TemporaryDirectory()
        try directory.writeJSON(ConfigurationFixture.minimal(setting: "stateDatabase", to: "state.sqlite"))
        let console = CapturingConsole()
        let status = await BryggaApplication.run(
            arguments: ["log"], environment: [:], currentDirectory: directory.path, console: console)
        #expect(status == .success)
        #expect(console.errorOutput.contains("no transfer log yet"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("state.sqlite")))
    }
}
