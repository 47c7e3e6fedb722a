/// A deliberately bad or awkward record in the sample data, tagged with the requirement it exercises.
///
/// Every defect is a record both emulators accept (the APIs allow a customer without VAT number, a
/// product code with letters, …): the rules are Brygga's, not the APIs'. The generator adds the same
/// few records for every seed and size (numbers and codes from 9001, below the regular records; the
/// money flows' from 9011), so tests and the demo can find them by key. ``SampleDataSummary/defects``
/// lists where each one was put. A Severa invoice's key is its guid (the invoice flow's natural key),
/// its name its number; a supplier invoice's key is its `GivenNumber`.
///
/// The money flows' records (R4, R5) are all in the trigger status `Ready for transfer` (invoices) or
/// booked (supplier invoices). They build on customer 9007 / project 9003 (linked on the first run),
/// customer 9001 / project 9001 (never linked), and the paired products 9008 (a product, `förp`) and
/// 9009 (a work type, `h`); plus customer 9011 (Finnish, EUR, both sides), projects 9011 (EUR, business
/// unit GBG → cost center 200), 9012 (closed in Severa), 9013 (only in Fortnox) and 9014 (business unit
/// MMO → cost center 400, which Fortnox lacks). Fortnox cost center 500 is inactive.
///
/// | defect | rule | record(s) | what Brygga must do |
/// |---|---|---|---|
/// | `productCodeNotNumeric` | R1.2 | Severa product `KONS-A` | not transferred, error logged |
/// | `productCodeEmpty` | R1.2 | Severa product with code `""` (*Diverse material*) | not transferred, error logged |
/// | `articleNumberNotNumeric` | R1.2 | Fortnox article `ABC-100` | not transferred, error logged |
/// | `productUnitNotInFortnox` | R1.3 | Severa product 9003, unit `pall` | not transferred to Fortnox, error logged |
/// | `productUnitEmpty` | R1.3 | Severa product 9004, empty unit | transferred (an empty unit is allowed) |
/// | `productNameDiffers` | R1.1 | product 9005 on both sides, names differ | conflict reported, not merged |
/// | `productCodeDiffers` | R1.1 | *Installation på plats*: Severa 9006, Fortnox 9007 | conflict reported, not merged |
/// | `customerWithoutVATNumber` | R2.2 | Severa customer 9001 | not transferred, error logged |
/// | `customerMalformedVATNumber` | R2.2 | Severa customer 9002, VAT `SE55667788` | not transferred, error logged |
/// | `customerWithoutAddress` | R2.2 | Severa customer 9003 | not transferred, error logged |
/// | `privateCustomer` | R2.3 | Fortnox customers 9004 and 9005, `Type` `PRIVATE` | skipped (logged as skipped) |
/// | `twoBillingAddresses` | R2.4 | Severa customer 9006 | transferred with the first listed billing address |
/// | `projectOfInvalidCustomer` | R3.3 | Severa project 9001 of customer 9001 | not transferred (its customer is not) |
/// | `supplierInvoiceRowWithoutArticle` | R5.3 | a Fortnox supplier invoice row booked to project 9003 | the default product, or an error without one |
/// | `nonASCIINames` | R1.1 | customer 9007, product 9009, project 9003 (Å Ä Ö Ø Æ) | paired / transferred unchanged |
/// | `namesAtFieldLimits` | R1.5 | customer 9008 (128-character visiting address), product 9010 (200 characters), project 9002 (50 characters) | transferred without truncation |
/// | `unitFörp` | R1.3 | product 9008 on both sides, unit `förp` | paired; the unit exists in Fortnox |
/// | `invoiceWithTextRows` | R4.2 | invoice 9011 (project 9003): articles 9009 and 9008, a text-only row, a priced row without article (sales account 3540) | transferred |
/// | `invoiceAttachments` | R4.3 | invoice 9012: six small PDFs, a PNG, an XLSX, an internal PDF (no file over 5 MB: a test seeds one) | transferred; with attachments on, the PDFs are attached (five sent with the invoice), the PNG, XLSX and internal PDF skipped with a reason |
/// | `invoiceInEUR` | R4.2 | invoice 9013 of project 9011 (customer 9011), EUR, 0 % VAT | transferred in EUR |
/// | `invoiceDimensionsWithoutFortnoxCostCenter` | R4.5 | invoice 9014 of project 9014 (business unit MMO → cost center 400), rows with cost centers 400 (not in Fortnox) and 500 (inactive in Fortnox) | transferred with the header and both rows' cost center empty, noted |
/// | `invoiceRowTextOver255` | R4.2 | invoice 9015: a row text of more than 255 characters | transferred; the text continues in text rows |
/// | `invoiceWithoutNumber` | R4.2 | an invoice without a number | transferred; `ExternalInvoiceReference2` empty |
/// | `creditedInvoice` | R4.4 | invoices 9016 and 9021, the originals of the two credit notes | transferred (before their credit notes) |
/// | `fullCreditNote` | R4.4 | credit note 9017 of 9016, every row negated | transferred: the Fortnox invoice of 9016 is cancelled (unbooked) or credited (booked) |
/// | `partialCreditNote` | R4.4 | credit note 9022 of 9021, one row of two | not transferred, error logged (credit by hand in Fortnox) |
/// | `invoiceOfUnlinkedCustomer` | R4.2 | invoice 9018 of project 9001 (customer 9001, no VAT number) | not transferred, error logged (customer not linked) |
/// | `invoiceRowUnknownProduct` | R4.2 | invoice 9019: a row with code 9099, on neither side | not transferred, error logged |
/// | `invoiceQuantityThreeDecimals` | R4.2 | invoice 9020: quantity 1.125 | not transferred, error logged |
/// | `invoiceRowFractionalVAT` | R4.2 | invoice 9023: a row at 25.5 % VAT | not transferred, error logged |
/// | `feeArticleIsSeveraProduct` | R5.3 | supplier invoice KG-20259011: article 9008, project 9003 | a fee with product 9008 |
/// | `feeForFortnoxOnlyProject` | R5.1 | supplier invoice KG-20259012: project 9013 (only in Fortnox) | skipped (logged as skipped) |
/// | `feeForClosedProject` | R5.1 | supplier invoice KG-20259013: project 9012 (closed in Severa) | not transferred, error logged |
/// | `feeArticleIsWorkType` | R5.3 | supplier invoice KG-20259014: article 9009, a Severa work type | not transferred, error logged (fees take products) |
/// | `feeOnCurrencyProject` | R5.1 | supplier invoice KG-20259015 (SEK): project 9011 (EUR) | not transferred, error logged naming the amounts |
public enum SampleDefect: String, Sendable, CaseIterable, Hashable {
    /// A Severa product whose code contains letters.
    case productCodeNotNumeric
    /// A Severa product with an empty code.
    case productCodeEmpty
    /// A Fortnox article whose number contains letters.
    case articleNumberNotNumeric
    /// A Severa product whose unit does not exist in Fortnox.
    case productUnitNotInFortnox
    /// A Severa product without a unit (allowed).
    case productUnitEmpty
    /// A product with the same code on both sides but different names.
    case productNameDiffers
    /// A product with the same name on both sides but different codes.
    case productCodeDiffers
    /// A Severa customer without a VAT number.
    case customerWithoutVATNumber
    /// A Severa customer whose VAT number has the wrong shape.
    case customerMalformedVATNumber
    /// A Severa customer without any address.
    case customerWithoutAddress
    /// A Fortnox customer of type `PRIVATE`.
    case privateCustomer
    /// A Severa customer with two billing addresses.
    case twoBillingAddresses
    /// A Severa project whose customer cannot be transferred.
    case projectOfInvalidCustomer
    /// A Fortnox supplier-invoice row booked to a project without an article number.
    case supplierInvoiceRowWithoutArticle
    /// Names with Å Ä Ö Ø Æ (valid).
    case nonASCIINames
    /// Names exactly as long as Fortnox allows (valid).
    case namesAtFieldLimits
    /// The unit `förp`, non-ASCII in URLs (valid).
    case unitFörp
    /// An invoice with article rows, a text-only row and a priced row without article (valid).
    case invoiceWithTextRows
    /// An invoice with attachments of every kind (valid; some files are skipped).
    case invoiceAttachments
    /// An invoice in EUR (valid).
    case invoiceInEUR
    /// An invoice whose business unit and row cost centers have no active Fortnox cost center (valid).
    case invoiceDimensionsWithoutFortnoxCostCenter
    /// An invoice row text longer than Fortnox's 255 characters (valid).
    case invoiceRowTextOver255
    /// An invoice without a number (valid).
    case invoiceWithoutNumber
    /// An invoice that a credit note in the queue credits (valid).
    case creditedInvoice
    /// A credit note of a whole invoice (valid).
    case fullCreditNote
    /// A credit note of part of an invoice.
    case partialCreditNote
    /// An invoice of a customer that cannot be transferred.
    case invoiceOfUnlinkedCustomer
    /// An invoice row whose product code exists on neither side.
    case invoiceRowUnknownProduct
    /// An invoice row with a quantity of three decimals.
    case invoiceQuantityThreeDecimals
    /// An invoice row at 25.5 % VAT.
    case invoiceRowFractionalVAT
    /// A supplier-invoice row whose article is a Severa product (valid).
    case feeArticleIsSeveraProduct
    /// A supplier-invoice row booked to a project that exists only in Fortnox.
    case feeForFortnoxOnlyProject
    /// A supplier-invoice row booked to a project closed in Severa.
    case feeForClosedProject
    /// A supplier-invoice row whose article is a Severa work type.
    case feeArticleIsWorkType
    /// A SEK supplier-invoice row booked to a EUR project.
    case feeOnCurrencyProject

    /// What Brygga is expected to do with the record.
    public enum Expectation: String, Sendable, Hashable {
        /// Not transferred; an error in the transfer log.
        case refused
        /// Not transferred on purpose; logged as skipped.
        case skipped
        /// A matching conflict reported before activation; nothing merged.
        case conflict
        /// Transferred (or paired) like any good record.
        case accepted
    }

    /// The requirement the record exercises, e.g. `R1.2`.
    public var rule: String {
        switch self {
        case .productCodeNotNumeric, .productCodeEmpty, .articleNumberNotNumeric: "R1.2"
        case .productUnitNotInFortnox, .productUnitEmpty, .unitFörp: "R1.3"
        case .productNameDiffers, .productCodeDiffers, .nonASCIINames: "R1.1"
        case .namesAtFieldLimits: "R1.5"
        case .customerWithoutVATNumber, .customerMalformedVATNumber, .customerWithoutAddress: "R2.2"
        case .privateCustomer: "R2.3"
        case .twoBillingAddresses: "R2.4"
        case .projectOfInvalidCustomer: "R3.3"
        case .supplierInvoiceRowWithoutArticle, .feeArticleIsSeveraProduct, .feeArticleIsWorkType: "R5.3"
        case .invoiceWithTextRows, .invoiceInEUR, .invoiceRowTextOver255, .invoiceWithoutNumber,
            .invoiceOfUnlinkedCustomer, .invoiceRowUnknownProduct, .invoiceQuantityThreeDecimals,
            .invoiceRowFractionalVAT:
            "R4.2"
        case .invoiceAttachments: "R4.3"
        case .creditedInvoice, .fullCreditNote, .partialCreditNote: "R4.4"
        case .invoiceDimensionsWithoutFortnoxCostCenter: "R4.5"
        case .feeForFortnoxOnlyProject, .feeForClosedProject, .feeOnCurrencyProject: "R5.1"
        }
    }

    /// What Brygga is expected to do with the record.
    public var expectation: Expectation {
        switch self {
        case .productCodeNotNumeric, .productCodeEmpty, .articleNumberNotNumeric, .productUnitNotInFortnox,
            .customerWithoutVATNumber, .customerMalformedVATNumber, .customerWithoutAddress, .projectOfInvalidCustomer,
            .supplierInvoiceRowWithoutArticle, .partialCreditNote, .invoiceOfUnlinkedCustomer,
            .invoiceRowUnknownProduct, .invoiceQuantityThreeDecimals, .invoiceRowFractionalVAT, .feeForClosedProject,
            .feeArticleIsWorkType, .feeOnCurrencyProject:
            .refused
        case .privateCustomer, .feeForFortnoxOnlyProject: .skipped
        case .productNameDiffers, .productCodeDiffers: .conflict
        case .productUnitEmpty, .twoBillingAddresses, .nonASCIINames, .namesAtFieldLimits, .unitFörp,
            .invoiceWithTextRows, .invoiceAttachments, .invoiceInEUR, .invoiceDimensionsWithoutFortnoxCostCenter,
            .invoiceRowTextOver255, .invoiceWithoutNumber, .creditedInvoice, .fullCreditNote,
            .feeArticleIsSeveraProduct:
            .accepted
        }
    }

    /// One sentence for people: what is odd about the record and what should happen.
    public var summary: String {
        switch self {
        case .productCodeNotNumeric: "product code with letters; not transferred, error logged"
        case .productCodeEmpty: "product without a code; not transferred, error logged"
        case .articleNumberNotNumeric: "article number with letters; not transferred, error logged"
        case .productUnitNotInFortnox: "unit that does not exist in Fortnox; not transferred to Fortnox"
        case .productUnitEmpty: "product without a unit; allowed, transferred"
        case .productNameDiffers: "same code, different names on the two sides; a conflict to report"
        case .productCodeDiffers: "same name, different codes on the two sides; a conflict to report"
        case .customerWithoutVATNumber: "customer without a VAT number; not transferred, error logged"
        case .customerMalformedVATNumber: "customer with a malformed VAT number; not transferred, error logged"
        case .customerWithoutAddress: "customer without any address; not transferred, error logged"
        case .privateCustomer: "Fortnox private customer; skipped, not an error"
        case .twoBillingAddresses: "two billing addresses; the first listed one is used"
        case .projectOfInvalidCustomer: "project whose customer cannot be transferred; not transferred"
        case .supplierInvoiceRowWithoutArticle:
            "supplier-invoice row booked to a project without an article; needs the default product"
        case .nonASCIINames: "names with Å Ä Ö Ø Æ; transferred unchanged"
        case .namesAtFieldLimits: "names as long as Fortnox allows; transferred without truncation"
        case .unitFörp: "unit förp (non-ASCII in URLs); exists in Fortnox, paired"
        case .invoiceWithTextRows: "article rows, a text-only row and a priced row without article; transferred"
        case .invoiceAttachments:
            "six PDFs, a PNG, an XLSX and an internal PDF; transferred, unfit files skipped"
        case .invoiceInEUR: "invoice in EUR; transferred in EUR"
        case .invoiceDimensionsWithoutFortnoxCostCenter:
            "business unit and cost centers without an active Fortnox cost center; transferred with them empty"
        case .invoiceRowTextOver255: "row text over 255 characters; transferred, continued in text rows"
        case .invoiceWithoutNumber: "invoice without a number; transferred"
        case .creditedInvoice: "invoice a credit note in the queue credits; transferred before it"
        case .fullCreditNote: "credit note of a whole invoice; cancels or credits its Fortnox invoice"
        case .partialCreditNote: "credit note of part of an invoice; not transferred, credit it by hand in Fortnox"
        case .invoiceOfUnlinkedCustomer: "invoice of a customer that is not transferred; not transferred, error logged"
        case .invoiceRowUnknownProduct: "row with a product code on neither side; not transferred, error logged"
        case .invoiceQuantityThreeDecimals: "quantity with three decimals; not transferred, error logged"
        case .invoiceRowFractionalVAT: "row at 25.5 % VAT; not transferred, error logged"
        case .feeArticleIsSeveraProduct: "supplier-invoice row whose article is a Severa product; a fee with it"
        case .feeForFortnoxOnlyProject: "supplier-invoice row on a project only in Fortnox; skipped, not an error"
        case .feeForClosedProject: "supplier-invoice row on a project closed in Severa; not transferred, error logged"
        case .feeArticleIsWorkType: "supplier-invoice row whose article is a Severa work type; fees take products"
        case .feeOnCurrencyProject: "SEK supplier-invoice row on a EUR project; not transferred, error logged"
        }
    }
}

/// The side of the sync a sample record was put on.
public enum SampleSide: String, Sendable, Hashable {
    /// Only in Severa (to be created in Fortnox).
    case severa
    /// Only in Fortnox (to be created in Severa).
    case fortnox
    /// In both, with the same key and name (to be paired).
    case both
}

/// The kind of a sample record.
public enum SampleEntity: String, Sendable, Hashable {
    /// A customer (Severa customer, Fortnox customer).
    case customer
    /// A product (Severa product, work type or travel expense type; Fortnox article).
    case product
    /// A project.
    case project
    /// A Fortnox supplier invoice.
    case supplierInvoice
    /// A Severa customer invoice (its key is the guid, its name the number).
    case invoice
}

/// Where one defect of the catalogue was put.
public struct SampleDefectRecord: Sendable, Hashable, CustomStringConvertible {
    /// The defect.
    public let defect: SampleDefect
    /// The kind of record.
    public let entity: SampleEntity
    /// The side(s) holding it.
    public let side: SampleSide
    /// Its key: the customer or project number, the product code or article number, the supplier
    /// invoice's `GivenNumber`, or the Severa invoice's guid.
    public let key: String
    /// Its name (a supplier invoice's supplier invoice number, a Severa invoice's number or `""`).
    public let name: String

    /// Creates a record.
    public init(defect: SampleDefect, entity: SampleEntity, side: SampleSide, key: String, name: String) {
        self.defect = defect
        self.entity = entity
        self.side = side
        self.key = key
        self.name = name
    }

    /// `R2.2 customer 9001 (Severa): customer without a VAT number; …`.
    public var description: String {
        let place = side == .both ? "both sides" : side == .severa ? "Severa" : "Fortnox"
        let shown = key.isEmpty ? "\"\" \(name)" : "\(key) \(name)"
        return "\(defect.rule) \(entity.rawValue) \(shown) (\(place)): \(defect.summary)"
    }
}
