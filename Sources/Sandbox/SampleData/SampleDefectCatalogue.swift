/// The records of the defect catalogue (see ``SampleDefect`` for the table), the same for every size;
/// only their guids, organisation numbers and phone numbers depend on the seed.
struct SampleDefectCatalogue {
    let customers: [SampleCustomer]
    let products: [SampleProduct]
    let projects: [SampleProject]
    /// The supplier invoice with a project row without article (R5.3).
    let supplierInvoice: SampleSupplierInvoice

    /// The valid customer on both sides (9007), used when there are no regular customers.
    var validCustomer: SampleCustomer { customers[6] }
    /// The valid project on both sides (9003), used when there are no regular projects.
    var validProject: SampleProject { projects[2] }
    /// The valid products on both sides, used when there are no regular ones.
    var pairedProducts: [SampleProduct] {
        products.filter { $0.side == .both && $0.fortnoxCode == nil && $0.fortnoxName == nil }
    }

    /// The catalogue drawn from `seed`.
    init(seed: UInt64) {
        var random = SampleRandom(seed: seed, "defect-catalogue")
        let stockholm = NordicPlaces.City(name: "Stockholm", postalCodes: 11120...11869)
        let goteborg = NordicPlaces.City(name: "Göteborg", postalCodes: 41101...41879)
        func company(_ number: Int, _ name: String, _ side: SampleSide, city: NordicPlaces.City) -> SampleCustomer {
            let organisationNumber = OrganisationNumber.make(for: .sweden, using: &random)
            var billing = SampleAddress.street(in: .sweden, city: city, using: &random)
            billing.isBilling = true
            billing.isPostal = true
            var visit = SampleAddress.street(in: .sweden, city: city, using: &random)
            visit.isVisit = true
            let slug = CompanyNames.slug(name)
            return SampleCustomer(
                number: number, name: name, country: .sweden, organisationNumber: organisationNumber,
                vatNumber: OrganisationNumber.vatNumber(for: organisationNumber, countryCode: "SE"),
                email: "faktura@\(slug).se", phone: NordicCountry.sweden.phoneNumber(using: &random),
                website: "www.\(slug).se", addresses: [billing, visit], side: side, guid: random.guid())
        }
        func person(_ number: Int, _ name: String, email: String) -> SampleCustomer {
            var home = SampleAddress.street(
                in: .sweden, city: NordicPlaces.City(name: "Uppsala", postalCodes: 75220...75758), using: &random)
            home.isBilling = true
            home.isPostal = true
            home.isVisit = true
            return SampleCustomer(
                number: number, name: name, country: .sweden, organisationNumber: "", vatNumber: nil, email: email,
                phone: NordicCountry.sweden.phoneNumber(using: &random), website: "", addresses: [home],
                isPrivate: true, side: .fortnox, guid: random.guid())
        }

        var withoutVAT = company(9001, "Nordlund Konsult AB", .severa, city: stockholm)
        withoutVAT.vatNumber = nil
        var malformedVAT = company(9002, "Västerviks Måleri AB", .severa, city: stockholm)
        malformedVAT.vatNumber = "SE55667788"
        var withoutAddress = company(9003, "Bergström Fastigheter AB", .severa, city: stockholm)
        withoutAddress.addresses = []
        var twoBilling = company(9006, "Hamnkontoret i Göteborg AB", .severa, city: goteborg)
        var secondBilling = SampleAddress.postBox(in: .sweden, city: goteborg, using: &random)
        secondBilling.isBilling = true
        secondBilling.isPostal = true
        twoBilling.addresses[0].lines = ["Första Långgatan 12"]
        twoBilling.addresses[0].isPostal = false
        twoBilling.addresses.insert(secondBilling, at: 1)
        var nonASCII = company(9007, "Åkesson & Ødegård Ærlig Handel AB", .both, city: stockholm)
        nonASCII.addresses[0].lines = ["Åsögatan 5", "Plan Ö"]
        nonASCII.addresses[1].lines = ["Ölandsgatan 42"]
        var long = company(
            9008,
            "Nordiska Samarbetsbolaget för Informationsteknik, Digital Förvaltning och Hållbar Infrastruktur "
                + "i Norrland AB", .severa, city: stockholm)
        long.addresses[1].lines = [Self.visitingAddressAtLimit]
        customers = [
            withoutVAT, malformedVAT, withoutAddress,
            person(9004, "Sven Svensson", email: "sven.svensson@exempel.se"),
            person(9005, "Karin Lindqvist", email: "karin.lindqvist@exempel.se"), twoBilling, nonASCII, long,
        ]

        func product(
            _ code: String, _ name: String, _ register: SampleProduct.Register, unit: String, fortnoxUnit: String?,
            price: Int, vat: Int = 25, side: SampleSide
        ) -> SampleProduct {
            SampleProduct(
                code: code, name: name, register: register, unit: unit, fortnoxUnit: fortnoxUnit,
                priceCents: price * 100, costCents: price * 60, vatRate: vat, side: side, guid: random.guid())
        }
        var nameDiffers = product(
            "9005", "Serviceavtal Guld", .product(type: "FixedFees"), unit: "st", fortnoxUnit: "st", price: 4_990,
            side: .both)
        nameDiffers.fortnoxName = "Serviceavtal Premium"
        var codeDiffers = product(
            "9006", "Installation på plats", .product(type: "FixedFees"), unit: "st", fortnoxUnit: "st", price: 1_950,
            side: .both)
        codeDiffers.fortnoxCode = "9007"
        products = [
            product(
                "KONS-A", "Konsultpaket A", .product(type: "FixedFees"), unit: "st", fortnoxUnit: "st", price: 25_000,
                side: .severa),
            product(
                "", "Diverse material", .product(type: "Materials"), unit: "st", fortnoxUnit: "st", price: 150,
                side: .severa),
            product(
                "ABC-100", "Adapter USB-C till HDMI", .product(type: "Materials"), unit: "st", fortnoxUnit: "st",
                price: 349, side: .fortnox),
            product(
                "9003", "Lastpall EUR", .product(type: "Materials"), unit: "pall", fortnoxUnit: nil, price: 185,
                side: .severa),
            product(
                "9004", "Licensavgift årlig", .product(type: "FixedFees"), unit: "", fortnoxUnit: nil, price: 12_000,
                side: .severa),
            nameDiffers, codeDiffers,
            product(
                "9008", "Kopieringspapper A4", .product(type: "Materials"), unit: "förp", fortnoxUnit: "förp",
                price: 59, side: .both),
            product(
                "9009", "Rådgivning Ærø & Øresund", .workType, unit: "h", fortnoxUnit: "h", price: 1_350, side: .both),
            product(
                "9010", Self.productNameAtLimit, .product(type: "Materials"), unit: "st", fortnoxUnit: "st",
                price: 48_500, side: .severa),
        ]

        func project(_ number: Int, _ name: String, customer: SampleCustomer, side: SampleSide) -> SampleProject {
            SampleProject(
                number: number, name: name, customerGuid: customer.guid, currency: "SEK", side: side,
                guid: random.guid(), startDate: "2025-02-03", isCompleted: false, costCenter: "100",
                businessUnit: "BSAB")
        }
        projects = [
            project(9001, "Kontorsflytt Nordlund", customer: withoutVAT, side: .severa),
            project(9002, Self.projectNameAtLimit, customer: nonASCII, side: .severa),
            project(9003, "Växthusprojekt Ærø & Åre", customer: nonASCII, side: .both),
        ]
        supplierInvoice = SampleSupplierInvoice(
            supplierNumber: "1", invoiceNumber: "KG-20259001", invoiceDay: 40,
            rows: [
                SampleSupplierInvoice.Row(
                    account: 5710, articleNumber: nil, description: "Frakt och emballage", quantity: 1,
                    priceCents: 49_500, project: "9003", costCenter: "100")
            ])
    }

    /// Seeds every record and says where each defect went.
    func seed(into seeder: inout SampleSeeder) throws(SampleDataError) -> [SampleDefectRecord] {
        for customer in customers { try seeder.seed(customer) }
        for product in products { try seeder.seed(product) }
        for project in projects { try seeder.seed(project) }
        let givenNumber = try seeder.seed(supplierInvoice)
        func customer(_ defect: SampleDefect, _ number: Int) -> SampleDefectRecord {
            let found = customers.first { $0.number == number }
            return SampleDefectRecord(
                defect: defect, entity: .customer, side: found?.side ?? .severa, key: String(number),
                name: found?.name ?? "")
        }
        func product(_ defect: SampleDefect, _ code: String, side: SampleSide? = nil) -> SampleDefectRecord {
            let found = products.first { $0.code == code || $0.fortnoxCode == code }
            let name = side == .fortnox ? found?.fortnoxName ?? found?.name : found?.name
            return SampleDefectRecord(
                defect: defect, entity: .product, side: side ?? found?.side ?? .severa, key: code, name: name ?? "")
        }
        func project(_ defect: SampleDefect, _ number: Int) -> SampleDefectRecord {
            let found = projects.first { $0.number == number }
            return SampleDefectRecord(
                defect: defect, entity: .project, side: found?.side ?? .severa, key: String(number),
                name: found?.name ?? "")
        }
        return [
            product(.productCodeNotNumeric, "KONS-A"), product(.productCodeEmpty, ""),
            product(.articleNumberNotNumeric, "ABC-100"), product(.productUnitNotInFortnox, "9003"),
            product(.productUnitEmpty, "9004"), product(.productNameDiffers, "9005", side: .severa),
            product(.productNameDiffers, "9005", side: .fortnox), product(.productCodeDiffers, "9006", side: .severa),
            product(.productCodeDiffers, "9007", side: .fortnox), customer(.customerWithoutVATNumber, 9001),
            customer(.customerMalformedVATNumber, 9002), customer(.customerWithoutAddress, 9003),
            customer(.privateCustomer, 9004), customer(.privateCustomer, 9005), customer(.twoBillingAddresses, 9006),
            project(.projectOfInvalidCustomer, 9001),
            SampleDefectRecord(
                defect: .supplierInvoiceRowWithoutArticle, entity: .supplierInvoice, side: .fortnox, key: givenNumber,
                name: supplierInvoice.invoiceNumber),
            customer(.nonASCIINames, 9007), product(.nonASCIINames, "9009"), project(.nonASCIINames, 9003),
            customer(.namesAtFieldLimits, 9008), product(.namesAtFieldLimits, "9010"),
            project(.namesAtFieldLimits, 9002), product(.unitFörp, "9008"),
        ]
    }

    /// A visiting address exactly as long as Fortnox's `VisitingAddress` allows (128).
    static let visitingAddressAtLimit =
        "Kungsgatan 44, Företagshuset Norra Hamnen, byggnad 7, entré C, våning 4, reception och godsmottagning vid "
        + "lastkaj 3, Kvarnholmen"

    /// A product name exactly as long as Fortnox's article `Description` allows (200).
    static let productNameAtLimit =
        "Installationspaket för nätverksinfrastruktur med fiberkabel, switchar, routrar, brandvägg, trådlösa "
        + "accesspunkter, serverskåp, avbrottsfri kraft, kabelkanaler och dokumentation enligt svensk standard."

    /// A project name exactly as long as Fortnox's project `Description` allows (50).
    static let projectNameAtLimit = "Förstudie digital förvaltning Åkesson & Ødegård AB"
}
