import Foundation
import JSONSupport
import SandboxKit

/// One JSON Patch operation as Severa accepts it: `replace` only (the enum also lists Add, Copy, Move
/// and Remove, which Severa rejects), matched ignoring case, on a field or one level below it.
struct PatchOperation {
    /// The index of the patched field.
    let field: Int
    /// The member below the field (`guid` of a reference, `amount` of money), if any.
    let member: String?
    /// The new value.
    let value: JSONValue

    /// Reads an operation object and resolves its path against `schema`.
    ///
    /// - Throws: ``SeveraAPIError`` 400 for an unsupported op, an unknown path or a read-only field.
    init(_ json: JSONValue, schema: RecordSchema) throws(SeveraAPIError) {
        guard json.objectValue != nil else {
            throw .invalidRequest("Each patch operation must be an object with op, path and value.")
        }
        guard let op = json.member(caseInsensitive: "op")?.stringValue else {
            throw .invalidParameter("The patch operation needs an op.", name: "op")
        }
        guard op.lowercased() == "replace" else {
            throw .invalidParameter(
                "The patch operation '\(op)' is not supported; only 'replace' is.", name: "op")
        }
        guard let path = json.member(caseInsensitive: "path")?.stringValue, path.hasPrefix("/") else {
            throw .invalidParameter("The patch operation needs a path starting with '/'.", name: "path")
        }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        guard (1...2).contains(segments.count), let index = schema.index(matching: segments[0]) else {
            throw .invalidParameter("The path '\(path)' does not name a field.", name: "path")
        }
        let field = schema.fields[index]
        guard case .writable = field.access, field.kind.isPacked || Self.isForeign(field.kind) else {
            throw .invalidParameter("The field '\(field.name)' cannot be changed.", name: field.name)
        }
        if case .stored = field.kind {
            throw .invalidParameter("The field '\(field.name)' cannot be changed.", name: field.name)
        }
        self.field = index
        self.member = segments.count == 2 ? segments[1] : nil
        self.value = json.member(caseInsensitive: "value") ?? .null
        if let member {
            switch field.kind {
            case .reference where member.lowercased() == "guid", .foreignReference where member.lowercased() == "guid":
                break
            case .money where ["amount", "currencycode"].contains(member.lowercased()): break
            case .structured: break
            default: throw .invalidParameter("The path '\(path)' does not name a field.", name: "path")
            }
        }
    }

    private static func isForeign(_ kind: FieldKind) -> Bool {
        if case .foreignReference = kind { return true }
        return false
    }

    /// The input value for the whole field: the operation's value, or for a member path the current
    /// value with that member replaced.
    func input(current: JSONValue, kind: FieldKind) -> JSONValue {
        guard let member else { return value }
        switch kind {
        case .reference, .foreignReference:
            return ["guid": value]
        case .money:
            var members = current.objectValue ?? [:]
            members[member.lowercased() == "amount" ? "amount" : "currencyCode"] = value
            return .object(members)
        default:
            var members = current.objectValue ?? [:]
            let existingKey = members.keys.first { $0.lowercased() == member.lowercased() }
            members[existingKey ?? member] = value
            return .object(members)
        }
    }
}
