import BryggaCLI
import Foundation
import JSONSupport
import Notify
import SyncCore
import Testing

/// docs/CONFIGURATION.md stays true: its worked example loads and it documents every key.
@Suite struct ConfigurationDocumentationTests {
    private static func documentation() throws -> String {
        let root = try #require(PackageRoot.path())
        return try String(contentsOfFile: root + "/docs/CONFIGURATION.md", encoding: .utf8)
    }

    /// The first ```json block after the line containing `marker`.
    private static func jsonBlock(after marker: String, in text: String) throws -> String {
        let start = try #require(text.range(of: marker), "no \(marker) in the documentation")
        let rest = text[start.upperBound...]
        let open = try #require(rest.range(of: "```json\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test func theWorkedExampleLoads() throws {
        let text = try Self.documentation()
        let directory = try TemporaryDirectory()
        let path = try directory.write(
            try Self.jsonBlock(after: "`/etc/brygga/brygga.json` (mode 0600):", in: text), to: "brygga.json")
        try directory.write(try Self.jsonBlock(after: "`/etc/brygga/mappings.json`:", in: text), to: "mappings.json")
        let configuration = try ConfigurationLoader.load(path: path)
        #expect(configuration.masters.products == .accounting)
        #expect(configuration.mappings.units.fortnoxCode(forSeveraUnit: "pallar") == "pall")
        #expect(configuration.mappings.vatRates.rates(forCountry: "FI") == nil)
        #expect(configuration.lockFilePath == "/var/lib/brygga/brygga-state.sqlite.lock")
        #expect(configuration.notify.recipients.map(\.address) == ["ekonomi@firma.se"])
        #expect(configuration.notify.remindAfterHours == 24)
        #expect(configuration.enabledEntities.suffix(3) == [.invoice, .projectFee, .paidState])
        #expect(
            configuration.invoices?.fieldRoutes == [
                .remarks: .notes, .yourOrderNumber: .orderNumber, .externalInvoiceReference2: .number,
            ])
        #expect(configuration.invoices?.businessUnitCostCenters == ["STHLM": "STH"])
        #expect(configuration.projectFees.defaultProduct == "9000")
    }

    @Test func documentsEveryKeyOfTheStartingConfiguration() async throws {
        let directory = try TemporaryDirectory()
        _ = try await BryggaProcess.run(["init"], in: directory.path)
        let template = try JSONParser.parse(try directory.read("brygga.json"))
        let text = try Self.documentation()
        func check(_ value: JSONValue, _ path: String) {
            guard case .object(let members) = value else { return }
            for (key, member) in members {
                let fullPath = path.isEmpty ? key : "\(path).\(key)"
                let spellings = ["`\(key)`", ".\(key)`", "`\(key).", "`\(fullPath)`"]
                #expect(spellings.contains { text.contains($0) }, "\(fullPath) is not documented")
                check(member, fullPath)
            }
        }
        check(template, "")
        for (code, _) in ExitCode.documented { #expect(text.contains("| \(code.rawValue) |"), "exit code \(code)") }
    }
}
