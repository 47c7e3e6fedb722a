import Foundation

extension SampleMoneyCatalogue {
    /// The invoice date of every catalogue invoice.
    static let invoiceDate = "2025-05-30"

    /// A row description longer than Fortnox's 255 characters (R4.2: continued in text rows).
    static let longRowText =
        "Rådgivning enligt avtal 2025-114 avseende förstudie, kravställning och upphandlingsstöd för nytt "
        + "ekonomisystem, inklusive workshops med ekonomiavdelningen i Åre och Östersund, genomgång av "
        + "befintliga rutiner för fakturering, projektredovisning och attest, samt sammanställning av "
        + "rekommendationer och en tidplan för införandet under hösten."

    /// The catalogue's invoices in seeding order (each original before its credit note).
    static func invoices(
        base: SampleDefectCatalogue, euro: SampleProject, malmo: SampleProject, random: inout SampleRandom
    ) -> [(defect: SampleDefect, invoice: SampleInvoice)] {
        let valid = base.validProject  // 9003, customer 9007, cost center 100, business unit BSAB
        let unlinked = base.projects[0]  // 9001, customer 9001 without VAT number (R2.2)
        let paper = base.products.first { $0.code == "9008" } ?? base.products[0]  // product, förp, 59 kr
        let advice = base.products.first { $0.code == "9009" } ?? base.products[0]  // work type, h, 1 350 kr
        func row(
            _ product: SampleProduct, _ quantity: String, price: Int? = nil, vat: Int = 25,
            text: String? = nil, costCenter: String? = nil
        ) -> SampleInvoice.Row {
            SampleInvoice.Row(
                guid: random.guid(), product: product, quantity: quantity,
                unitPriceCents: price ?? product.priceCents, vatRate: vat, description: text, costCenter: costCenter)
        }
        func plain(
            _ code: String?, _ text: String, _ quantity: String, price: Int, rowType: String = "ProjectFees",
            account: String = "3001"
        ) -> SampleInvoice.Row {
            SampleInvoice.Row(
                guid: random.guid(), code: code, description: text, quantity: quantity, unitPriceCents: price,
                vatRate: "25", unit: code == nil ? "" : "st", rowType: rowType, salesAccount: account)
        }
        func invoice(_ number: Int?, _ project: SampleProject, _ rows: [SampleInvoice.Row]) -> SampleInvoice {
            SampleInvoice(
                guid: random.guid(), project: project, status: "Ready for transfer", date: invoiceDate,
                orderNumber: nil, rows: rows, number: number)
        }
        func creditNote(_ number: Int, of original: SampleInvoice, _ rows: [SampleInvoice.Row]) -> SampleInvoice {
            var note = invoice(number, original.project, rows)
            note.credits = original.guid
            return note
        }
        func negated(_ rows: [SampleInvoice.Row]) -> [SampleInvoice.Row] {
            rows.map { original in
                var row = original
                row.guid = random.guid()
                row.quantity =
                    original.quantity.hasPrefix("-") ? String(original.quantity.dropFirst()) : "-" + original.quantity
                return row
            }
        }

        var attachments = invoice(9012, valid, [row(paper, "10")])
        attachments.files = files.map { file in
            var file = file
            file.guid = random.guid()
            return file
        }

        var fractionalVAT = row(paper, "1")
        fractionalVAT.vatRate = "25.5"
        let fullyCredited = invoice(9016, valid, [row(advice, "4"), row(paper, "1")])
        let partlyCredited = invoice(9021, valid, [row(advice, "10"), row(paper, "2")])
        return [
            (
                .invoiceWithTextRows,
                invoice(
                    9011, valid,
                    [
                        row(advice, "12"), row(paper, "3"),
                        plain(nil, "Enligt avtal 2025-114, etapp 2", "0", price: 0),
                        plain(
                            nil, "Resekostnader enligt bilaga", "1", price: 85_000, rowType: "TravelExpenses",
                            account: "3540"),
                    ])
            ),
            (.invoiceAttachments, attachments),
            (
                .invoiceInEUR,
                invoice(
                    9013, euro,
                    [row(advice, "8", price: SampleInvoice.convert(advice.priceCents, to: "EUR"), vat: 0)])
            ),
            (
                .invoiceDimensionsWithoutFortnoxCostCenter,
                invoice(9014, malmo, [row(paper, "5", costCenter: "400"), row(advice, "2", costCenter: "500")])
            ),
            (.invoiceRowTextOver255, invoice(9015, valid, [row(advice, "6", text: longRowText)])),
            (.invoiceWithoutNumber, invoice(nil, valid, [row(paper, "2")])),
            (.creditedInvoice, fullyCredited),
            (.fullCreditNote, creditNote(9017, of: fullyCredited, negated(fullyCredited.rows))),
            (.invoiceOfUnlinkedCustomer, invoice(9018, unlinked, [row(paper, "1")])),
            (
                .invoiceRowUnknownProduct,
                invoice(9019, valid, [row(paper, "1"), plain("9099", "Okänd tjänst", "1", price: 50_000)])
            ),
            (.invoiceQuantityThreeDecimals, invoice(9020, valid, [row(advice, "1.125")])),
            (.creditedInvoice, partlyCredited),
            (.partialCreditNote, creditNote(9022, of: partlyCredited, negated([partlyCredited.rows[0]]))),
            (
                .invoiceRowFractionalVAT,
                invoice(9023, valid, [row(advice, "1"), fractionalVAT])
            ),
        ]
    }

    /// The attachments of invoice 9012 (R4.3): six small PDFs (one more than may go with the invoice),
    /// a PNG, a spreadsheet and an internal PDF (guids drawn per seed). No file over Fortnox's 5 MB limit:
    /// its base64 would make every exported sandbox state 7 MB and the state tests seconds slower; the
    /// emulator serves one when a test seeds it (`SeveraEmulator.seed(.invoicefiles, …)`).
    static let files: [SampleInvoice.File] =
        (1...6).map { index in
            SampleInvoice.File(
                guid: "", name: "bilaga-\(index).pdf", contentType: "application/pdf",
                contents: pdf("Bilaga \(index) till faktura 9012"), isInternal: nil)
        } + [
            SampleInvoice.File(
                guid: "", name: "foto-leverans.png", contentType: "image/png", contents: png, isInternal: false),
            SampleInvoice.File(
                guid: "", name: "tidrapport.xlsx",
                contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                contents: Data("PK\u{3}\u{4} tidrapport".utf8), isInternal: false),
            SampleInvoice.File(
                guid: "", name: "intern-kalkyl.pdf", contentType: "application/pdf", contents: pdf("Intern kalkyl"),
                isInternal: true),
        ]

    /// A small PDF-looking file with `text` in it.
    private static func pdf(_ text: String) -> Data {
        Data("%PDF-1.4\n% \(text)\n%%EOF\n".utf8)
    }

    /// The eight-byte PNG signature and a little more.
    private static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D])
}
