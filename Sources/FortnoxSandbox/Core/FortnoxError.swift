import JSONSupport
import SandboxKit

/// A failed Fortnox request, answered with an `ErrorInformation` envelope.
///
/// Fortnox varies the key casing of the envelope [rec]: 404s come as `Error/Message/Code`, validation
/// 400s as `error/message/code`. ``keyCasing`` records which one a response uses.
struct FortnoxError: Error, Sendable, Equatable {
    /// The casing of the `ErrorInformation` members.
    enum KeyCasing: Sendable, Equatable {
        /// `Error`, `Message`, `Code` (404s).
        case capitalized
        /// `error`, `message`, `code` (400s and everything else).
        case lowercase
    }

    /// The HTTP status.
    let status: Int
    /// The Fortnox error code (see ``FortnoxErrorCode``).
    let code: Int
    /// The message, in Swedish as Fortnox writes them.
    let message: String
    /// Extra response headers (`Allow` on a 405).
    var headers: [(name: String, value: String)] = []

    /// The key casing: capitalized for 404s, lowercase otherwise.
    var keyCasing: KeyCasing { status == 404 ? .capitalized : .lowercase }

    /// A 400 validation error.
    static func badRequest(_ code: Int, _ message: String) -> FortnoxError {
        FortnoxError(status: 400, code: code, message: message)
    }

    /// A 404 for a key that names no record.
    static func notFound(_ code: Int, _ message: String) -> FortnoxError {
        FortnoxError(status: 404, code: code, message: message)
    }

    /// The `ErrorInformation` document.
    var body: JSONValue {
        let information: JSONValue =
            switch keyCasing {
            case .capitalized: ["Error": 1, "Message": .string(message), "Code": .number(JSONNumber(code))]
            case .lowercase: ["error": 1, "message": .string(message), "code": .number(JSONNumber(code))]
            }
        return ["ErrorInformation": information]
    }

    static func == (lhs: FortnoxError, rhs: FortnoxError) -> Bool {
        lhs.status == rhs.status && lhs.code == rhs.code && lhs.message == rhs.message
    }
}

extension FortnoxError {
    /// 2001392: the body is empty or not the expected wrapper object.
    static func wrongBody(expected wrapper: String) -> FortnoxError {
        .badRequest(
            FortnoxErrorCode.emptyOrWrongBody,
            "Ingen eller felaktig typ av data. Förväntade ett objekt {\"\(wrapper)\":{…}}."
        )
    }

    /// 2001399: a field name the entity does not have.
    static func invalidFieldName(_ name: String) -> FortnoxError {
        .badRequest(FortnoxErrorCode.invalidFieldName, "Felaktigt fältnamn (\(name))")
    }

    /// INVENTED 2099001: a required field is missing.
    static func required(_ field: String) -> FortnoxError {
        .badRequest(FortnoxErrorCode.requiredFieldMissing, "Fältet \(field) måste anges.")
    }

    /// 2000588: a query parameter Fortnox does not accept.
    static func invalidParameter(_ name: String, _ value: String) -> FortnoxError {
        .badRequest(FortnoxErrorCode.invalidParameter, "Ogiltig parameter i anropet. (\(name)=\(value))")
    }
}
