public import Foundation
import HTTPSupport
import JSONSupport
public import SyncCore

extension FortnoxConnector {
    /// Fortnox's attachment limits [ref §7.9]: PDFs of at most 5 MB, 15 MB per invoice, 5 sent with it.
    public var attachmentLimits: AttachmentLimits {
        AttachmentLimits(maxFileBytes: 5 * 1_048_576, maxTotalBytes: 15 * 1_048_576, maxIncludedOnSend: 5)
    }

    /// The inbox folder customer-invoice attachments are uploaded to.
    static let invoiceInbox = "Inbox_kf"

    /// Uploads a file to the customer-invoice inbox (`POST /3/inbox?path=Inbox_kf`, multipart field `file`)
    /// and returns its `Id` (R4.3). Never repeated: a lost answer is `outcomeUnknown` (look it up by name).
    public func uploadFile(named name: String, data: Data) async throws(ConnectorError) -> String {
        let call = FortnoxCall(.post, ["inbox"], query: [(name: "path", value: Self.invoiceInbox)], idempotent: false)
        let boundary = "brygga-\(UUID().uuidString)"
        let quoted = name.replacingOccurrences(of: "\"", with: "'")
        var body = Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(quoted)\"\r\n".utf8)
        body.append(Data("Content-Type: application/pdf\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        let response = try await context.api.send(
            call, data: body, contentType: "multipart/form-data; boundary=\(boundary)")
        guard response.isSuccess else { throw context.api.failure(for: response, call: call) }
        let document = try parsedBody(of: response, call: call)
        guard let id = document["File"]?["Id"]?.stringValue else {
            throw context.api.failure(.malformedResponse, call, "the answer names no File.Id")
        }
        return id
    }

    /// The id of the file named `name` in the customer-invoice inbox, or `nil`.
    public func findUploadedFile(named name: String) async throws(ConnectorError) -> String? {
        let call = FortnoxCall(.get, ["inbox"], query: [(name: "path", value: Self.invoiceInbox)])
        let document = try await context.api.json(call).document
        for file in document["Folder"]?["Files"]?.arrayValue ?? [] where file["Name"]?.stringValue == name {
            return file["Id"]?.stringValue
        }
        return nil
    }

    /// Attaches uploaded file `fileID` to invoice `documentNumber`
    /// (`POST /api/fileattachments/attachments-v1`, scope `connectfile`, UNVERIFIED). Never repeated.
    ///
    /// - Throws: ``ConnectorError``; `rejected` with Fortnox's error key (`file_too_big`,
    ///   `wrong_file_type`, `max_total_attachments_exceeded` …) as the remote code.
    public func attachFile(_ fileID: String, toInvoice documentNumber: String, includeOnSend: Bool)
        async throws(ConnectorError) -> InvoiceAttachment
    {
        let call = FortnoxCall(.post, root: "api", ["fileattachments", "attachments-v1"], idempotent: false)
        guard let entityID = Int64(documentNumber) else {
            throw context.api.failure(.invalidRecord, call, "invoice number \(documentNumber) is not numeric")
        }
        let body: JSONValue = [
            [
                "entityId": .number(JSONNumber(entityID)), "entityType": "F", "fileId": .string(fileID),
                "includeOnSend": .bool(includeOnSend),
            ]
        ]
        let answer = try await attachmentJSON(call, body: body)
        guard let first = answer.arrayValue?.first, let attachment = Self.attachment(first) else {
            throw context.api.failure(.malformedResponse, call, "the answer names no attachment")
        }
        return attachment
    }

    /// The files attached to invoice `documentNumber`.
    public func invoiceAttachments(documentNumber: String) async throws(ConnectorError) -> [InvoiceAttachment] {
        let call = FortnoxCall(
            .get, root: "api", ["fileattachments", "attachments-v1"],
            query: [(name: "entityid", value: documentNumber), (name: "entitytype", value: "F")])
        return (try await attachmentJSON(call, body: nil).arrayValue ?? []).compactMap(Self.attachment)
    }

    /// Sends a call of the attachment service, whose errors are `{"error": key, "message": …}`.
    private func attachmentJSON(_ call: FortnoxCall, body: JSONValue?) async throws(ConnectorError) -> JSONValue {
        let response = try await context.api.send(call, body: body)
        guard response.isSuccess else {
            let document = try? JSONParser.parse(response.body)
            if let key = document?["error"]?.stringValue, response.status < 500, response.status != 401,
                response.status != 403
            {
                let message = document?["message"]?.stringValue ?? key
                throw context.api.failure(
                    response.status == 404 ? .notFound : .rejected, call, "HTTP \(response.status): \(message)",
                    code: key)
            }
            throw context.api.failure(for: response, call: call)
        }
        return try parsedBody(of: response, call: call)
    }

    /// The 2xx `response`'s JSON body; anything else is an answer that is not the API's.
    private func parsedBody(of response: HTTPResponse, call: FortnoxCall) throws(ConnectorError) -> JSONValue {
        switch UnhealthyAnswer.json(of: response, redactor: context.api.redactor) {
        case .success(let document): return document
        case .failure(let answer): throw context.api.unhealthy(call, answer)
        }
    }

    private static func attachment(_ json: JSONValue) -> InvoiceAttachment? {
        guard let id = json["id"]?.stringValue, let fileID = json["fileId"]?.stringValue else { return nil }
        return InvoiceAttachment(id: id, fileID: fileID)
    }
}
