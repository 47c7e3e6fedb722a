import Foundation

/// The money-flow part of the defect catalogue (R4 invoices, R5 project fees; see ``SampleDefect``),
/// the same for every size: numbers 9011 and up. It builds on the first part
/// (``SampleDefectCatalogue``): its customers 9001 and 9007, projects 9001 and 9003 and the paired
/// products 9008 (a product) and 9009 (a work type).
///
/// Every invoice is in the trigger status `Ready for transfer`; all but one carry an explicit number
/// (as if numbered in an earlier status). An original is seeded before the credit note that credits
/// it, so a run lists it first.
struct SampleMoneyCatalogue {
    /// Finnish customer 9011 (EUR), on both sides.
    let customer: SampleCustomer
    /// 9011 EUR project, 9012 closed in Severa, 9013 only in Fortnox, 9014 in business unit MMO.
    let projects: [SampleProject]
    /// The invoices with the defect each shows, in seeding order.
    let invoices: [(defect: SampleDefect, invoice: SampleInvoice)]
    /// The supplier invoices with the defect each shows.
    let supplierInvoices: [(defect: SampleDefect, invoice: SampleSupplierInvoice)]

    /// The catalogue drawn from `seed`, on top of `base`.
    init(seed: UInt64, base: SampleDefectCatalogue) {
        var random = SampleRandom(seed: seed, "money-catalogue")
        let helsinki = NordicPlaces.City(name: "Helsinki", postalCodes: 100...990)
        let organisationNumber = OrganisationNumber.make(for: .finland, using: &random)
        var billing = SampleAddress.street(in: .finland, city: helsinki, using: &random)
        billing.isBilling = true
        billing.isPostal = true
        billing.isVisit = true
        customer = SampleCustomer(
            number: 9011, name: "Helsingin Vientipalvelu Oy", country: .finland,
            organisationNumber: organisationNumber,
            vatNumber: OrganisationNumber.vatNumber(for: organisationNumber, countryCode: "FI"),
            email: "laskut@vientipalvelu.fi", phone: NordicCountry.finland.phoneNumber(using: &random),
            website: "www.vientipalvelu.fi", addresses: [billing], side: .both, guid: random.guid())
        let valid = base.validCustomer
        func project(
            _ number: Int, _ name: String, customer: SampleCustomer, side: SampleSide, closed: Bool = false,
            costCenter: String = "100", businessUnit: String = "BSAB"
        ) -> SampleProject {
            SampleProject(
                number: number, name: name, customerGuid: customer.guid, currency: customer.country.currency,
                side: side, guid: random.guid(), startDate: "2025-03-03", isCompleted: closed, costCenter: costCenter,
                businessUnit: businessUnit)
        }
        let euro = project(
            9011, "Exportprojekt Helsingfors", customer: customer, side: .both, costCenter: "200", businessUnit: "GBG")
        let closed = project(9012, "Avslutad förstudie Åre", customer: valid, side: .both, closed: true)
        let fortnoxOnly = project(9013, "Intern IT-drift", customer: valid, side: .fortnox)
        let malmo = project(
            9014, "Butiksutrullning Malmö", customer: valid, side: .both, costCenter: "400", businessUnit: "MMO")
        projects = [euro, closed, fortnoxOnly, malmo]
        invoices = Self.invoices(base: base, euro: euro, malmo: malmo, random: &random)
        supplierInvoices = Self.supplierInvoices(closed: closed, fortnoxOnly: fortnoxOnly, euro: euro)
    }

    /// The fee defects: one booked supplier invoice each, one cost row.
    private static func supplierInvoices(closed: SampleProject, fortnoxOnly: SampleProject, euro: SampleProject)
        -> [(defect: SampleDefect, invoice: SampleSupplierInvoice)]
    {
        func invoice(
            _ defect: SampleDefect, _ suffix: Int, account: Int, article: String?, _ description: String,
            quantity: Int, priceCents: Int, project: String
        ) -> (defect: SampleDefect, invoice: SampleSupplierInvoice) {
            let row = SampleSupplierInvoice.Row(
                account: account, articleNumber: article, description: description, quantity: quantity,
                priceCents: priceCents, project: project, costCenter: "100")
            return (
                defect,
                SampleSupplierInvoice(
                    supplierNumber: "1", invoiceNumber: "KG-2025\(9_000 + suffix)", invoiceDay: 40 + suffix, rows: [row]
                )
            )
        }
        return [
            invoice(
                .feeArticleIsSeveraProduct, 11, account: 4010, article: "9008", "Kopieringspapper A4, 20 förp",
                quantity: 20, priceCents: 4_500, project: "9003"),
            invoice(
                .feeForFortnoxOnlyProject, 12, account: 4010, article: "9008", "Papper till serverhallen",
                quantity: 4, priceCents: 4_500, project: fortnoxOnly.numberText),
            invoice(
                .feeForClosedProject, 13, account: 4010, article: "9008", "Papper, sent levererat", quantity: 5,
                priceCents: 4_500, project: closed.numberText),
            invoice(
                .feeArticleIsWorkType, 14, account: 4600, article: "9009", "Underkonsult rådgivning", quantity: 6,
                priceCents: 90_000, project: "9003"),
            invoice(
                .feeOnCurrencyProject, 15, account: 4010, article: "9008", "Papper till Helsingforskontoret",
                quantity: 10, priceCents: 4_500, project: euro.numberText),
        ]
    }
}

extension SampleProject {
    /// The number as text (Fortnox's `ProjectNumber`).
    var numberText: String { String(number) }
}

extension SampleMoneyCatalogue {
    /// Seeds every record and says where each defect went.
    func seed(into seeder: inout SampleSeeder) throws(SampleDataError) -> [SampleDefectRecord] {
        try seeder.seed(customer)
        for project in projects { try seeder.seed(project) }
        var records: [SampleDefectRecord] = []
        for (defect, invoice) in invoices {
            try seeder.seed(invoice)
            records.append(
                SampleDefectRecord(
                    defect: defect, entity: .invoice, side: .severa, key: invoice.guid,
                    name: invoice.number.map(String.init) ?? ""))
        }
        for (defect, invoice) in supplierInvoices {
            let givenNumber = try seeder.seed(invoice)
            records.append(
                SampleDefectRecord(
                    defect: defect, entity: .supplierInvoice, side: .fortnox, key: givenNumber,
                    name: invoice.invoiceNumber))
        }
        return records
    }
}
