import Foundation
import JSONSupport
import SeveraConnector
import SeveraSandbox
import SyncCore
import Testing

/// What the money flows read from Severa besides the queue: business units (R4.5) and invoice files
/// with their contents (R4.3).
@Suite struct SeveraMoneyFlowReadsTests {
    @Test("R4.5: business units are read with their code and own cost center", arguments: SeveraWire.allCases)
    func businessUnits(_ wire: SeveraWire) async throws {
        try await SeveraSandbox.with(wire) { sandbox in
            let units = try await sandbox.connector.businessUnits()
            #expect(Set(units.compactMap(\.code)).isSuperset(of: ["BSAB", "STHLM"]))
            #expect(units.allSatisfy { $0.isActive })
        }
    }

    @Test(
        "R4.3: an invoice's files are listed with type, size and the internal flag; their bytes are read as they are",
        arguments: SeveraWire.allCases)
    func invoiceFiles(_ wire: SeveraWire) async throws {
        try await SeveraSandbox.with(wire) { sandbox in
            let invoice = try SeveraProjectAndInvoiceTests.seedInvoice(sandbox, status: "Ready for transfer")
            let pdf = Data("%PDF-1.4 bilaga".utf8)
            for (name, type, isInternal, data) in [
                ("bilaga.pdf", "application/pdf", false, pdf), ("intern.txt", "text/plain", true, Data("x".utf8)),
            ] {
                try sandbox.emulator.seed(
                    .invoicefiles,
                    [
                        "invoiceGuid": .string(invoice), "name": .string(name), "contentType": .string(type),
                        "isInternal": .bool(isInternal), "data": .string(data.base64EncodedString()),
                    ])
            }

            let files = try await sandbox.connector.invoiceFiles(invoiceID: invoice)

            #expect(files.map(\.name).sorted() == ["bilaga.pdf", "intern.txt"])
            let attachment = try #require(files.first { $0.name == "bilaga.pdf" })
            #expect(
                attachment.contentType == "application/pdf" && attachment.size == pdf.count && !attachment.isInternal)
            #expect(files.first { $0.name == "intern.txt" }?.isInternal == true)
            #expect(try await sandbox.connector.fileData(fileID: attachment.fileID) == pdf)
            let missing = await #expect(throws: ConnectorError.self) {
                try await sandbox.connector.invoiceFiles(invoiceID: UUID().uuidString.lowercased())
            }
            #expect(missing?.kind == .notFound)
        }
    }

    @Test("R4.4: an invoice read by id has its status and rows; a deleted one is nil", arguments: SeveraWire.allCases)
    func invoiceByID(_ wire: SeveraWire) async throws {
        try await SeveraSandbox.with(wire) { sandbox in
            let guid = try SeveraProjectAndInvoiceTests.seedInvoice(sandbox, status: "Draft")
            let read = try #require(try await sandbox.connector.invoice(id: guid))
            #expect(read.record.rows.count == 2 && read.record.statusID != nil && read.record.customerNumber == "1001")
            #expect(try await sandbox.connector.invoice(id: UUID().uuidString.lowercased()) == nil)
        }
    }
}
