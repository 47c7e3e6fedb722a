import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

@Suite("Fortnox emulator: inbox and invoice attachments (R4.3)")
struct FortnoxFileTests {
    private static let boundary = "----brygga-test-boundary"

    private func pdf(_ size: Int = 64) -> Data {
        var data = Data("%PDF-1.4\n".utf8)
        data.append(Data(repeating: 0x20, count: max(0, size - data.count)))
        return data
    }

    private func upload(_ harness: FortnoxHarness, _ name: String, _ data: Data, folder: String = "Inbox_kf")
        -> FortnoxResponse
    {
        var body = Data("--\(Self.boundary)\r\n".utf8)
        body.append(Data("Content-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n".utf8))
        body.append(Data("Content-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(Self.boundary)--\r\n".utf8))
        return harness.send(
            .post, "/3/inbox?path=\(folder)", body: body,
            headers: [("Content-Type", "multipart/form-data; boundary=\(Self.boundary)")]
        )
    }

    private func fileId(_ response: FortnoxResponse) throws -> String {
        try #require(response.json["File"]?["Id"]?.stringValue)
    }

    private func attach(_ harness: FortnoxHarness, _ items: [(fileId: String, includeOnSend: Bool)], invoice: Int = 1)
        -> FortnoxResponse
    {
        let body: JSONValue = .array(
            items.map {
                [
                    "entityId": .number(JSONNumber(invoice)), "entityType": "F", "fileId": .string($0.fileId),
                    "includeOnSend": .bool($0.includeOnSend),
                ]
            }
        )
        return harness.send(.post, "/api/fileattachments/attachments-v1", body)
    }

    private func makeHarness() throws -> FortnoxHarness {
        let harness = try FortnoxHarness()
        try harness.seedMasterData()
        try harness.create("invoices", "Invoice", ["CustomerNumber": "1"])
        return harness
    }

    @Test func uploadingToInboxKfReturnsTheFileRow() throws {
        let harness = try makeHarness()
        let response = upload(harness, "faktura.pdf", pdf(100))
        #expect(response.status == 201)
        let file = try #require(response.json["File"])
        #expect(file["Name"] == "faktura.pdf")
        #expect(file["Size"] == 100)
        #expect(file["Path"] == "Inbox_kf/faktura.pdf")
        let id = try fileId(response)
        let folder = harness.send(.get, "/3/inbox?path=Inbox_kf").json["Folder"]
        #expect(folder?["Files"]?.arrayValue?.compactMap { $0["Id"]?.stringValue } == [id])
        #expect(harness.send(.get, "/3/inbox").json["Folder"]?["Folders"]?.arrayValue?.count == 9)
        #expect(harness.send(.get, "/3/inbox/\(id)").body == pdf(100))
        let missing = harness.send(
            .post, "/3/inbox?path=Inbox_kf", body: Data("x".utf8), headers: [("Content-Type", "text/plain")])
        #expect(missing.errorCode == 2_099_028)
    }

    @Test func attachingAPDFFromInboxKfToAnInvoice() throws {
        let harness = try makeHarness()
        let id = try fileId(upload(harness, "bilaga.pdf", pdf()))
        let response = attach(harness, [(id, true)])
        #expect(response.status == 201)
        let attachment = try #require(response.json.arrayValue?.first)
        #expect(attachment["entityId"] == 1)
        #expect(attachment["entityType"] == "F")
        #expect(attachment["fileId"] == .string(id))
        #expect(attachment["includeOnSend"] == true)
        let attachmentId = try #require(attachment["id"]?.stringValue)
        let listed = harness.send(.get, "/api/fileattachments/attachments-v1?entityid=1&entitytype=F").json
        #expect(listed.arrayValue?.count == 1)
        let count = harness.send(
            .get, "/api/fileattachments/attachments-v1/numberofattachments?entityids=1&entityids=2&entitytype=F")
        #expect(count.json == [["entityId": 1, "numberOfAttachments": 1], ["entityId": 2, "numberOfAttachments": 0]])
        let updated = harness.send(
            .put, "/api/fileattachments/attachments-v1/\(attachmentId)", ["includeOnSend": false])
        #expect(updated.json["includeOnSend"] == false)
        #expect(harness.send(.delete, "/3/inbox/\(id)").errorCode == 2_099_017)
        #expect(harness.send(.delete, "/api/fileattachments/attachments-v1/\(attachmentId)").status == 204)
        #expect(
            harness.send(.delete, "/api/fileattachments/attachments-v1/\(attachmentId)").json["error"]
                == "attachment_not_found")
        #expect(harness.send(.delete, "/3/inbox/\(id)").status == 204)
    }

    @Test func onlyPDFsFromTheRightFolderOfAnExistingInvoice() throws {
        let harness = try makeHarness()
        let text = try fileId(upload(harness, "notes.txt", Data("hello".utf8)))
        let disguised = try fileId(upload(harness, "fake.pdf", Data("hello".utf8)))
        let supplierFolder = try fileId(upload(harness, "lev.pdf", pdf(), folder: "Inbox_s"))
        let good = try fileId(upload(harness, "ok.pdf", pdf()))
        let error = { (response: FortnoxResponse) in response.json["error"]?.stringValue }
        #expect(error(attach(harness, [(text, false)])) == "wrong_file_type")
        #expect(error(attach(harness, [(disguised, false)])) == "wrong_file_type")
        #expect(error(attach(harness, [(supplierFolder, false)])) == "wrong_file_location")
        #expect(error(attach(harness, [("no-such-file", false)])) == "file_not_found")
        let noInvoice = attach(harness, [(good, false)], invoice: 99)
        #expect(noInvoice.status == 404)
        #expect(error(noInvoice) == "document_not_found")
        #expect(noInvoice.json["id"]?.stringValue?.isEmpty == false)
        #expect(noInvoice.json["message"] != nil)
    }

    @Test func filesAreLimitedTo5MBEachAnd15MBPerInvoice() throws {
        let harness = try makeHarness()
        let tooBig = try fileId(upload(harness, "big.pdf", pdf(5 * 1024 * 1024 + 1)))
        #expect(attach(harness, [(tooBig, false)]).json["error"] == "file_too_big")
        var ids: [String] = []
        for index in 0..<4 { ids.append(try fileId(upload(harness, "part\(index).pdf", pdf(4 * 1024 * 1024)))) }
        let batch = attach(harness, ids.map { ($0, false) })
        #expect(batch.status == 400)
        #expect(batch.json["error"] == "max_total_attachments_exceeded")
        #expect(harness.send(.get, "/api/fileattachments/attachments-v1?entityid=1&entitytype=F").json == [])
        #expect(attach(harness, ids.prefix(3).map { ($0, false) }).status == 201)
    }

    @Test func atMostFiveAttachmentsGoOutWithTheInvoice() throws {
        let harness = try makeHarness()
        var ids: [String] = []
        for index in 0..<6 { ids.append(try fileId(upload(harness, "f\(index).pdf", pdf()))) }
        #expect(attach(harness, ids.prefix(5).map { ($0, true) }).status == 201)
        let sixth = attach(harness, [(ids[5], true)])
        #expect(sixth.status == 400)
        #expect(sixth.json["error"] == "max_included_on_send_exceeded")
        #expect(attach(harness, [(ids[5], false)]).status == 201)
    }
}
