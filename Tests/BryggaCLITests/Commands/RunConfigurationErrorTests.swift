import BryggaCLI
import JSONSupport
import Testing

/// `brygga run` refuses a malformed configuration with exit 78 and a message naming the file and key (O7).
@Suite struct RunConfigurationErrorTests {
    /// A configuration text and what the message must name.
    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let text: String
        let mentions: [String]
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "bad JSON", text: "{\"version\": 1,,}", mentions: ["line 1"]),
        Case(
            label: "wrong type", text: JSONSerializer.string(.minimal(setting: "enabled", to: "yes")),
            mentions: ["enabled", "expected true or false"]),
        Case(
            label: "unknown key", text: JSONSerializer.string(.minimal(setting: "flows.payments", to: true)),
            mentions: ["flows.payments", "unknown key"]),
        Case(
            label: "missing key", text: JSONSerializer.string(.minimal(setting: "fortnox.clientID", to: nil)),
            mentions: ["fortnox.clientID", "missing"]),
    ]

    @Test("O7: a malformed configuration exits 78 naming the file and the key", arguments: cases)
    func malformedConfigurationExits78(_ malformed: Case) async throws {
        let directory = try TemporaryDirectory()
        let file = try directory.write(malformed.text, to: "brygga.json")
        let result = try await BryggaProcess.run(["run"], in: directory.path)
        #expect(result.status == 78, "\(result.errorOutput)")
        #expect(result.errorOutput.contains(file))
        for text in malformed.mentions {
            #expect(result.errorOutput.contains(text), "\(result.errorOutput)")
        }
    }
}
