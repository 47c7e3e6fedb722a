import BryggaCLI
import Foundation
import JSONSupport
import SyncCore
import SyncStore

/// A temporary directory with a minimal brygga.json and a state database filled by the test, for
/// in-process tests of the commands that read local state (`log`, `status`).
struct StateFixture {
    /// The directory holding brygga.json and state.sqlite.
    let directory: TemporaryDirectory
    /// The state database.
    let store: SQLiteStateStore

    /// Creates the configuration and an empty state database.
    init() throws {
        directory = try TemporaryDirectory()
        try directory.writeJSON(ConfigurationFixture.minimal(setting: "stateDatabase", to: "state.sqlite"))
        store = try SQLiteStateStore(path: directory.file("state.sqlite"))
    }

    /// Runs `brygga arguments` in-process in the directory, with times in UTC unless `environment`
    /// names another `TZ`.
    func brygga(
        _ arguments: [String], environment: [String: String] = [:], terminal: Bool = false
    ) async -> (status: ExitCode, output: String, errorOutput: String) {
        let console = CapturingConsole(isTerminal: terminal)
        let status = await BryggaApplication.run(
            arguments: arguments, environment: ["TZ": "UTC"].merging(environment) { $1 },
            currentDirectory: directory.path, console: console)
        return (status, console.output, console.errorOutput)
    }

    /// A log entry with a Severa guid, a Fortnox number and a field diff.
    static func entry(
        run runID: Int64, _ entity: EntityKind, _ action: TransferAction, key: String, seconds: TimeInterval
    ) -> TransferLogEntry {
        TransferLogEntry(
            runID: runID, time: Date(timeIntervalSince1970: 1_772_431_200 + seconds), entity: entity,
            direction: .pmToAccounting, action: action, pmID: "5f0c6b1e-8a2d-4c3e-9f10-2b3c4d5e6f70",
            accountingID: key, naturalKey: key,
            reason: action == .failed ? "customer \(key) \"Nordlund Konsult AB\": the VAT number is missing" : nil,
            hint: action == .failed ? "add the VAT number in Severa" : nil, rule: action == .failed ? "R2.2" : nil,
            changes: action == .updated ? [FieldChange(field: "phone", old: "+46 8 123", new: "+46 8 456")] : [])
    }
}
