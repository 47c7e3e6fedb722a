import Foundation
import JSONSupport
import SandboxKit

/// Reads the JSON body of a write: `{"<Wrapper>":{…}}`.
enum FortnoxRequestBody {
    /// The members of the wrapped entity in `body`.
    ///
    /// - Throws: 2001392 for an empty body or one that is not exactly the wrapper object, 2002115 for
    ///   text that is not JSON, 1000031 for a non-JSON `Content-Type`.
    static func entity(_ body: Data, contentType: String?, wrapper: String) throws(FortnoxError)
        -> [String: JSONValue]
    {
        if let contentType, !FortnoxText.contains(contentType, asciiCaseInsensitive: "json") {
            throw .badRequest(
                FortnoxErrorCode.invalidContentType, "The provided content type was invalid. (\(contentType))")
        }
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw .wrongBody(expected: wrapper)
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(body)
        } catch {
            throw .badRequest(FortnoxErrorCode.badJSON, "Error deserializing JSON: JSON_ERROR_SYNTAX (\(error.reason))")
        }
        guard case .object(let top) = document, top.count == 1, case .object(let members)? = top[wrapper] else {
            throw .wrongBody(expected: wrapper)
        }
        return members
    }
}
