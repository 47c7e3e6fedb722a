import BryggaCLI
import Foundation
import JSONSupport
import SyncCore
import SyncStore
import Testing

/// `brygga log`: local times and their filters, money, line wrapping and the nothing-matched notes (O4).
@Suite struct LogTimeAndFormatTests {
    static let stockholm = ["TZ": "Europe/Stockholm"]

    /// The log of ``LogCommandTests/filled()`` plus run 3: a price change in money and a failure whose
    /// reason is longer than a terminal line.
    static func filled() throws -> StateFixture {
        let fixture = try LogCommandTests.filled()
        let run = try fixture.store.startRun(kind: .incremental, at: Date())
        var commit = StateCommit()
        let time = Date(timeIntervalSince1970: 1_772_431_200 + 3600)
        let price: (Int64) -> JSONValue = { ["currency": "SEK", "minorUnits": .number(JSONNumber($0))] }
        commit.logEntries = [
            TransferLogEntry(
                runID: run, time: time, entity: .product, direction: .pmToAccounting, action: .updated,
                pmID: "p-1", accountingID: "3001", naturalKey: "3001",
                changes: [
                    FieldChange(field: "price", old: price(125_000), new: price(130_050)),
                    FieldChange(field: "rows", old: nil, new: [["unitPrice": price(99), "quantity": 2]]),
                ]),
            TransferLogEntry(
                runID: run, time: time.addingTimeInterval(1), entity: .product, direction: .pmToAccounting,
                action: .failed, pmID: "p-2", naturalKey: "3002",
                reason: "product 3002 \"Konsulttimme senior\": "
                    + String(repeating: "the unit is not one Fortnox knows, ", count: 5) + "so it cannot be created",
                hint: "map the unit in mappings.json", rule: "R1.3"),
        ]
        try fixture.store.commit(commit)
        return fixture
    }

    @Test("O4: times are local with their offset (TZ), or UTC with --utc")
    func timesAreLocalWithTheirOffset() async throws {
        let fixture = try Self.filled()
        let local = await fixture.brygga(["log", "--run", "1"], environment: Self.stockholm)
        #expect(local.output.hasPrefix("2026-03-02T07:00:01+01:00  run 1  customer  created"), "\(local.output)")
        let utc = await fixture.brygga(["log", "--run", "1", "--utc"], environment: Self.stockholm)
        #expect(utc.output.hasPrefix("2026-03-02T06:00:01Z  run 1  customer  created"), "\(utc.output)")
    }

    @Test(
        "O4: --since and --until read local times, zones and dates; --until with a date includes the day",
        arguments: [
            (["--since", "2026-03-02 07:01"], ["1001", "1002", "3001", "3002"]),
            (["--since", "2026-03-02T07:01", "--until", "2026-03-02T07:30"], ["1001", "1002"]),
            (["--until", "2026-03-02T06:01:00Z"], ["1001", "1002", "2025001"]),
            (["--until", "2026-03-02T07:01:00+01:00"], ["1001", "1002", "2025001"]),
            (
                ["--since", "2026-03-02", "--until", "2026-03-02"],
                ["1001", "1002", "2025001", "1001", "1002", "3001", "3002"]
            ),
            (["--until", "2026-03-01"], []),
            (["--since", "2026-03-02T08:00:01"], ["3002"]),
        ])
    func timeFilters(_ options: [String], _ expected: [String]) async throws {
        let fixture = try Self.filled()
        let result = await fixture.brygga(["log"] + options, environment: Self.stockholm)
        #expect(result.status == .success, "\(result.errorOutput)")
        #expect(LogCommandTests.keys(result.output) == expected)
    }

    @Test(
        "O4: a time that is none of the forms is refused naming the option, the value and the forms",
        arguments: [
            (["--since", "2026-12-07xyz"], "option --since expects a date (2026-12-07)"),
            (["--until", "2026-12-07T25:00"], "option --until expects a date (2026-12-07)"),
            (["--since", "2026-03-29T02:30"], "does not exist in Europe/Stockholm"),
            (
                ["--since", "2026-03-03", "--until", "2026-03-02"],
                "option --until (2026-03-02) must be later than --since"
            ),
            (["--json", "--csv"], "options --json and --csv cannot be combined"),
        ])
    func badTimesAreRefused(_ options: [String], _ message: String) async throws {
        let fixture = try Self.filled()
        let result = await fixture.brygga(["log"] + options, environment: Self.stockholm)
        #expect(result.status == .usage)
        #expect(result.errorOutput.contains(message), "\(result.errorOutput)")
        if options.first == "--since", options.count == 2 {
            #expect(result.errorOutput.contains("found \"\(options[1])\""))
            #expect(result.errorOutput.contains("2026-12-07T08:30+01:00"), "lists the accepted forms")
        }
    }

    @Test("O4: money reads as amount and currency, also inside lists, never as JSON")
    func moneyReadsAsAmountAndCurrency() async throws {
        let fixture = try Self.filled()
        let result = await fixture.brygga(["log", "--record", "3001"])
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("    price: 1250.00 SEK → 1300.50 SEK"), "\(result.output)")
        #expect(lines.contains("    rows: (none) → [{quantity: 2, unitPrice: 0.99 SEK}]"), "\(result.output)")
        #expect(!result.output.contains("minorUnits"))
    }

    @Test("O4: long reasons stay on one line unless the output is a terminal, which gets 120 columns")
    func wrappingOnlyInATerminal() async throws {
        let fixture = try Self.filled()
        let piped = await fixture.brygga(["log", "--record", "3002"])
        let reason = try #require(piped.output.split(separator: "\n").first { $0.hasPrefix("    product 3002") })
        #expect(reason.hasSuffix("so it cannot be created (R1.3)"), "the whole reason on one line: \(reason)")
        #expect(reason.count > 120)
        let terminal = await fixture.brygga(["log", "--record", "3002"], terminal: true)
        let lines = terminal.output.split(separator: "\n")
        #expect(lines.count > piped.output.split(separator: "\n").count)
        #expect(lines.allSatisfy { $0.count <= 120 }, "\(terminal.output)")
    }

    @Test("O4: --record that matches nothing says so on standard error and exits 0")
    func recordMatchingNothingSaysSo() async throws {
        let fixture = try Self.filled()
        let unknown = await fixture.brygga(["log", "--record", "Nordlund Konsult AB"])
        #expect(unknown.status == .success)
        #expect(unknown.output.isEmpty)
        #expect(
            unknown.errorOutput.contains(
                "no transfer-log entry has the record id, number or name \"Nordlund Konsult AB\""))
        let filtered = await fixture.brygga(["log", "--record", "1001", "--status", "failed"])
        #expect(filtered.output.isEmpty)
        #expect(filtered.errorOutput.contains("record \"1001\" has entries, but none matches the other filters"))
        let none = await fixture.brygga(["log", "--run", "3", "--flow", "project"])
        #expect(none.errorOutput.contains("no transfer-log entry matches these filters"))
    }
}
