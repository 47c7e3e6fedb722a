import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit

/// A response under construction: status, headers and body bytes.
struct FortnoxReply: Sendable {
    /// The status.
    var status: Int
    /// The body.
    var body: [UInt8]
    /// The content type; `nil` for a response without body.
    var contentType: String? = "application/json; charset=utf-8"
    /// Extra headers.
    var headers: [(name: String, value: String)] = []

    /// A JSON response.
    static func json(_ status: Int, _ value: JSONValue) -> FortnoxReply {
        var bytes: [UInt8] = []
        JSONSerializer.write(value, to: &bytes)
        return FortnoxReply(status: status, body: bytes)
    }

    /// A single entity in its wrapper: `{"Customer":{…}}`.
    static func entity(_ status: Int, _ values: FieldValues) -> FortnoxReply {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2048)
        bytes.append(UInt8(ascii: "{"))
        JSONSerializer.write(.string(values.schema.wrapper), to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        values.schema.write(values, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return FortnoxReply(status: status, body: bytes)
    }

    /// 204 without body.
    static let noContent = FortnoxReply(status: 204, body: [], contentType: nil)

    /// The `ErrorInformation` answer to `error`.
    static func error(_ error: FortnoxError) -> FortnoxReply {
        var reply = FortnoxReply.json(error.status, error.body)
        reply.headers = error.headers
        return reply
    }

    /// The HTTP response.
    var response: HTTPResponse {
        var fields: [(name: String, value: String)] = []
        if let contentType { fields.append((name: "Content-Type", value: contentType)) }
        fields += headers
        return HTTPResponse(status: status, headers: HTTPHeaders(fields), body: Data(body))
    }
}
