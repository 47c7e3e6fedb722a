/// A deliberately bad or awkward record in the sample data, tagged with the requirement it exercises.
///
/// Every defect is a record both emulators accept (the APIs allow a customer without VAT number, a
/// product code with letters, …): the rules are Brygga's, not the APIs'. The generator adds the same
/// few records for every seed and size (numbers and codes in the 9001–9010 range, below the regular
/// records), so tests and the demo can find them by key. ``SampleDataSummary/defects`` lists where
/// each one was put.
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
        case .supplierInvoiceRowWithoutArticle: "R5.3"
        }
    }

    /// What Brygga is expected to do with the record.
    public var expectation: Expectation {
        switch self {
        case .productCodeNotNumeric, .productCodeEmpty, .articleNumberNotNumeric, .productUnitNotInFortnox,
            .customerWithoutVATNumber, .customerMalformedVATNumber, .customerWithoutAddress, .projectOfInvalidCustomer,
            .supplierInvoiceRowWithoutArticle:
            .refused
        case .privateCustomer: .skipped
        case .productNameDiffers, .productCodeDiffers: .conflict
        case .productUnitEmpty, .twoBillingAddresses, .nonASCIINames, .namesAtFieldLimits, .unitFörp: .accepted
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
}

/// Where one defect of the catalogue was put.
public struct SampleDefectRecord: Sendable, Hashable, CustomStringConvertible {
    /// The defect.
    public let defect: SampleDefect
    /// The kind of record.
    public let entity: SampleEntity
    /// The side(s) holding it.
    public let side: SampleSide
    /// Its key: the customer or project number, the product code or article number, or the supplier
    /// invoice's `GivenNumber`.
    public let key: String
    /// Its name (a supplier invoice's supplier invoice number).
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
