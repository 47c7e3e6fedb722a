import Foundation
import JSONSupport
import SyncCore
import SyncStore
import Testing

@testable import BryggaCLI

/// `brygga log --csv` and `brygga log --html FILE` in-process (O4).
@Suite struct LogExportTests {
    /// RFC 4180 records: fields split on commas outside quotes, records on CRLF outside quotes.
    static func parseCSV(_ text: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        field.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                try #require(field.isEmpty, "a quote inside an unquoted field")
                quoted = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\r\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                try #require(character != "\n" && character != "\r", "a bare line break outside quotes")
                field.append(character)
            }
        }
        try #require(!quoted && field.isEmpty && record.isEmpty, "the text ends with CRLF after the last record")
        return records
    }

    /// A log with a record failing, one that failed and then went through, and one that only went
    /// through; the reasons hold characters that CSV and HTML must escape.
    static func filled() throws -> StateFixture {
        let fixture = try StateFixture()
        let store = fixture.store
        let first = try store.startRun(kind: .incremental, at: Date())
        let time = Date(timeIntervalSince1970: 1_772_431_200)
        var commit = StateCommit()
        commit.logEntries = [
            TransferLogEntry(
                runID: first, time: time, entity: .customer, direction: .pmToAccounting, action: .failed,
                pmID: "guid-9001", naturalKey: "9001",
                reason: "customer 9001 \"Nordlund, Konsult & <Söner> AB\": the VAT number is missing",
                hint: "add the VAT number in Severa", rule: "R2.2"),
            TransferLogEntry(
                runID: first, time: time.addingTimeInterval(1), entity: .customer, direction: .pmToAccounting,
                action: .failed, pmID: "guid-9002", reason: "customer without a number <script>alert(1)</script>",
                hint: "give it a customer number", rule: "R2.1"),
            TransferLogEntry(
                runID: first, time: time.addingTimeInterval(2), entity: .customer, direction: .pmToAccounting,
                action: .created, pmID: "guid-9003", accountingID: "9003", naturalKey: "9003",
                changes: [FieldChange(field: "name", old: nil, new: "Åkesson AB")]),
        ]
        try store.commit(commit)
        let second = try store.startRun(kind: .incremental, at: Date())
        commit.logEntries = [
            TransferLogEntry(
                runID: second, time: time.addingTimeInterval(60), entity: .customer, direction: .pmToAccounting,
                action: .created, pmID: "guid-9002", accountingID: "9002", naturalKey: "9002"),
            TransferLogEntry(
                runID: second, time: time.addingTimeInterval(61), entity: .customer, direction: .pmToAccounting,
                action: .failed, pmID: "guid-9001", naturalKey: "9001",
                reason: "customer 9001 \"Nordlund, Konsult & <Söner> AB\": the VAT number is missing",
                hint: "add the VAT number in Severa", rule: "R2.2"),
        ]
        try store.commit(commit)
        return fixture
    }

    @Test("O4: --csv is RFC 4180 with a header row and one record per entry, times and money as in the text")
    func csvIsRFC4180() async throws {
        let fixture = try Self.filled()
        let result = await fixture.brygga(["log", "--csv"], environment: ["TZ": "Europe/Stockholm"])
        #expect(result.status == .success, "\(result.errorOutput)")
        let records = try Self.parseCSV(result.output)
        #expect(records.first == TransferLogCSV.header)
        #expect(records.count == 6)
        #expect(records.dropFirst().allSatisfy { $0.count == TransferLogCSV.header.count })
        let column = { (name: String) in try #require(TransferLogCSV.header.firstIndex(of: name)) }
        let firstEntry = records[1]
        #expect(firstEntry[try column("time")] == "2026-03-02T07:00:00+01:00")
        #expect(
            firstEntry[try column("reason")]
                == "customer 9001 \"Nordlund, Konsult & <Söner> AB\": the VAT number is missing")
        #expect(firstEntry[try column("severaID")] == "guid-9001")
        #expect(records[3][try column("changes")] == "name: (none) → \"Åkesson AB\"")
        #expect(records.map { $0[0] }.dropFirst() == ["1", "2", "3", "4", "5"], "oldest first")
    }

    @Test("O4: --html writes one self-contained page: failures first, one row per record, history folded, escaped")
    func htmlReport() async throws {
        let fixture = try Self.filled()
        let result = await fixture.brygga(["log", "--html", "report.html"], environment: ["TZ": "Europe/Stockholm"])
        #expect(result.status == .success, "\(result.errorOutput)")
        #expect(result.output.contains("report.html: 3 record(s) from 5 entries, 1 still failing."), "\(result.output)")
        let page = try fixture.directory.read("report.html")
        #expect(page.hasPrefix("<!DOCTYPE html>"))
        for external in ["<script", "<link", "src=", "url(", "@import", "http://", "https://"] {
            #expect(!page.contains(external), "no external resource or script: \(external)")
        }
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("&quot;Nordlund, Konsult &amp; &lt;Söner&gt; AB&quot;"))
        let rows = page.components(separatedBy: "<tr class=\"record ").dropFirst()
        #expect(rows.count == 3, "one row per record")
        #expect(rows.map { $0.prefix { $0 != "\"" } } == ["failing", "resolved", "fine"])
        let failing = try #require(rows.first)
        #expect(
            failing.contains("data-key=\"9001\"")
                && failing.contains("<summary>History: 2 entries, newest first</summary>"))
        #expect(failing.contains("2026-03-02T07:01:01+01:00"), "the time of its newest entry, local")
        let resolved = rows[rows.index(after: rows.startIndex)]
        #expect(resolved.contains("data-key=\"9002\"") && resolved.contains("Severa guid-9002"))
        #expect(resolved.contains("customer without a number"), "its earlier failure is in its history")
        #expect(page.contains("Europe/Stockholm (UTC+01:00)"))
    }

    @Test("O4: the report applies the filters and says which")
    func htmlReportAppliesTheFilters() async throws {
        let fixture = try Self.filled()
        let result = await fixture.brygga(["log", "--html", "run2.html", "--run", "2", "--status", "failed"])
        #expect(result.status == .success, "\(result.errorOutput)")
        let page = try fixture.directory.read("run2.html")
        #expect(page.components(separatedBy: "<tr class=\"record ").count == 2)
        #expect(page.contains("<dd>run 2; actions failed</dd>"))
    }

    @Test("O4: an export cut short by --limit says so")
    func truncatedExportSaysSo() async throws {
        let fixture = try Self.filled()
        let csv = await fixture.brygga(["log", "--csv", "--limit", "2"])
        #expect(try Self.parseCSV(csv.output).count == 3)
        #expect(csv.errorOutput.contains("only the newest 2 entries are included"))
        _ = await fixture.brygga(["log", "--html", "cut.html", "--limit", "2"])
        #expect(try fixture.directory.read("cut.html").contains("Only the newest 2 entries are included"))
    }
}
