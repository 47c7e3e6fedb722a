/// Every `ErrorInformation` code the Fortnox emulator emits, real or invented, in one place.
///
/// Real codes come from the reference (`fortnox-api.md` §5: Fortnox's error page and recorded traffic).
/// Where the reference says UNVERIFIED the emulator needs a stable code anyway; those live in the
/// `2099xxx` block, which Fortnox does not use, and each is marked `INVENTED`. Clients must not
/// depend on an invented code meaning the same thing against the real service.
enum FortnoxErrorCode {
    // MARK: Real codes

    /// 404 `Kan inte hitta kunden.` [rec]
    static let customerNotFound = 2_000_433
    /// 404 `Kan inte hitta artikeln.` [rec]
    static let articleNotFound = 2_000_428
    /// 404 `Kan inte hitta enheten.` [rec]
    static let unitNotFound = 2_000_432
    /// 404 `Kan inte hitta projektet.` [rec]
    static let projectNotFound = 2_001_161
    /// 404 `Kan inte hitta fakturan.` [rec]
    static let invoiceNotFound = 2_000_434
    /// Terms of payment not found [rec: 404]; the emulator also uses it (status 400) for an unknown
    /// `TermsOfPayment` in a write.
    static let termsOfPaymentNotFound = 2_000_429
    /// A customer referenced in a request does not exist [doc].
    static let customerReferenceNotFound = 2_000_204
    /// An article referenced in a request does not exist [doc].
    static let articleReferenceNotFound = 2_001_302
    /// `Ett ogiltigt filter har använts.` [rec]
    static let invalidFilter = 2_000_587
    /// `Ogiltig parameter i anropet.` [doc]
    static let invalidParameter = 2_000_588
    /// `Felaktigt fältnamn` [doc]
    static let invalidFieldName = 2_001_399
    /// `Ingen eller felaktig typ av data.` [doc]
    static let emptyOrWrongBody = 2_001_392
    /// `Error deserializing JSON: JSON_ERROR_SYNTAX` [doc]
    static let badJSON = 2_002_115
    /// `Värdet måste vara alfanumeriskt` [doc]
    static let notAlphanumeric = 2_000_106
    /// `Värdet måste vara numeriskt` [doc]
    static let notNumeric = 2_000_108
    /// `Värdet måste vara en boolean` [doc]
    static let notBoolean = 2_000_134
    /// `Värdet innehåller ej tillåtna tecken.` [doc]
    static let invalidCharacters = 2_000_359
    /// `Kundnummer X används redan.` (deleted numbers count) [doc]
    static let customerNumberUsed = 2_000_637
    /// `Kunde inte hitta konto` [doc]
    static let accountNotFound = 2_001_304
    /// `Leverantörsfakturan balanserar inte` [doc]
    static let supplierInvoiceUnbalanced = 2_000_755
    /// `Har inte behörighet för scope` [doc]
    static let missingScope = 2_000_663
    /// The provided content type was invalid [doc].
    static let invalidContentType = 1_000_031

    // MARK: Invented codes (the reference marks these cases UNVERIFIED)

    /// INVENTED: a required field (`Name`, `Description`, `Code`, …) is missing or empty.
    static let requiredFieldMissing = 2_099_001
    /// INVENTED: a text is longer than the field allows.
    static let valueTooLong = 2_099_002
    /// INVENTED: a value outside a field's fixed set (e.g. `Type`, `VATType`, `Status`).
    static let invalidChoice = 2_099_003
    /// INVENTED: a date that is not `YYYY-MM-DD`.
    static let invalidDate = 2_099_004
    /// INVENTED: an unknown ISO 3166 country code (`CountryCode`, `DeliveryCountryCode`, …).
    static let invalidCountryCode = 2_099_005
    /// INVENTED: a `Unit` referenced in a write does not exist.
    static let unitReferenceNotFound = 2_099_006
    /// INVENTED: a `Project` referenced in a write does not exist.
    static let projectReferenceNotFound = 2_099_007
    /// INVENTED: a `CostCenter` referenced in a write does not exist.
    static let costCenterReferenceNotFound = 2_099_008
    /// INVENTED: a `SupplierNumber` referenced in a write does not exist.
    static let supplierReferenceNotFound = 2_099_009
    /// INVENTED: the key (article number, unit code, project number, …) is already in use.
    static let keyAlreadyUsed = 2_099_010
    /// INVENTED: an attempt to change `ArticleNumber`, unit `Code` or another key after creation.
    static let keyImmutable = 2_099_011
    /// INVENTED: a booked or cancelled invoice cannot be changed.
    static let documentLocked = 2_099_012
    /// INVENTED: an action that the document's state does not allow (bookkeep a cancelled invoice,
    /// cancel a booked one, credit an unbooked one, …).
    static let invalidDocumentState = 2_099_013
    /// INVENTED: a payment on an invoice that is not booked.
    static let invoiceNotBooked = 2_099_014
    /// INVENTED: rows or header booked to a project while project accounting is switched off.
    static let projectAccountingDisabled = 2_099_015
    /// INVENTED: an invoice row update names a `RowId` the invoice does not have.
    static let unknownRowId = 2_099_016
    /// INVENTED: a delete refused because other records still use the record.
    static let resourceInUse = 2_099_017
    /// INVENTED: a booked payment cannot be changed or deleted.
    static let paymentLocked = 2_099_018
    /// INVENTED: an unknown `PriceList`.
    static let priceListNotFound = 2_099_019
    /// INVENTED: 404 for a cost center.
    static let costCenterNotFound = 2_099_020
    /// INVENTED: 404 for a supplier.
    static let supplierNotFound = 2_099_021
    /// INVENTED: 404 for a price.
    static let priceNotFound = 2_099_022
    /// INVENTED: 404 for an invoice payment.
    static let invoicePaymentNotFound = 2_099_023
    /// INVENTED: 404 for a supplier invoice.
    static let supplierInvoiceNotFound = 2_099_024
    /// INVENTED: 404 for an inbox file or folder.
    static let fileNotFound = 2_099_025
    /// INVENTED: 404 for a path that names no resource.
    static let routeNotFound = 2_099_026
    /// INVENTED: 405 for a method the resource does not support (e.g. `DELETE /3/invoices/1`).
    static let methodNotAllowed = 2_099_027
    /// INVENTED: an upload without a multipart `file` field.
    static let missingFile = 2_099_028
    /// INVENTED: a customer invoice (header or row) names a cost center whose `Active` is false.
    static let costCenterInactive = 2_099_029
}
