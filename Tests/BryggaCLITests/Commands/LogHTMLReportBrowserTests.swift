import Foundation
import JSONSupport
import Testing

/// `brygga log --html` as an accountant's browser shows it: the report of a real run, loaded in
/// headless Chromium, shows every failed record with its reason (O4, O5).
@Suite struct LogHTMLReportBrowserTests {
    @Test(
        "O4: every failed record of a run is in the browser's DOM, in a failing row, with its reason",
        .timeLimit(.minutes(1)))
    func everyFailedRecordIsShownWithItsReason() async throws {
        let bed = try await SyncTestbed()
        let run = try await bed.brygga(["run"])
        #expect(run.status == 1, "the sample data has records that fail: \(run.errorOutput)")
        let log = try await bed.brygga(["log", "--json", "--run", "1", "--status", "failed", "--limit", "10000"])
        let failures = try log.output.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        try #require(!failures.isEmpty)

        let report = try await bed.brygga(["log", "--run", "1", "--html", "run-1.html"])
        #expect(report.status == 0, "\(report.errorOutput)")
        let dom = try await HeadlessChromium.dumpDOM(ofFile: bed.directory.file("run-1.html"))

        let rows = dom.components(separatedBy: "<tr class=\"record ").dropFirst().map { row in
            row.components(separatedBy: "</tr>").first ?? ""
        }
        #expect(!rows.isEmpty, "the browser built the table: \(dom.prefix(500))")
        for failure in failures {
            let reason = try #require(failure["reason"]?.stringValue, "a failure without a reason: \(failure)")
            let key = failure["naturalKey"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            let shown = rows.contains { row in
                row.hasPrefix("failing")
                    && row.contains(HeadlessChromium.serializedText(reason))
                    && (key.map { row.contains("data-key=\"\($0)\"") } ?? true)
            }
            #expect(shown, "failed record \(key ?? "(no key)") is not shown with its reason \"\(reason)\"")
        }
        #expect(dom.contains("still failing"))
    }
}
