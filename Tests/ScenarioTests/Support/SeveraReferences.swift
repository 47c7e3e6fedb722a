import JSONSupport

/// The guids of the Severa reference records scenarios point at, read from the emulator's state.
struct SeveraReferences: Sendable {
    /// Country guid by ISO code (`SE`).
    let countries: [String: String]
    /// The user who owns seeded projects (Anna Andersson, code `AA`).
    let projectOwner: String

    /// Reads the guids from `SeveraEmulator.exportState()`.
    ///
    /// - Throws: ``ScenarioError`` when the project owner is missing.
    init(state: JSONValue) throws {
        func index(_ table: String, by field: String) -> [String: String] {
            var result: [String: String] = [:]
            for record in state["organisation"]?["tables"]?[table]?.arrayValue ?? [] {
                if let guid = record["guid"]?.stringValue, let key = record["fields"]?[field]?.stringValue {
                    result[key] = guid
                }
            }
            return result
        }
        countries = index("countries", by: "code2")
        guard let owner = index("users", by: "code")["AA"] else {
            throw ScenarioError("the Severa sandbox has no user AA")
        }
        projectOwner = owner
    }
}

/// A scenario's set-up or inspection step failed.
struct ScenarioError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
