/// The longest text each written Fortnox field holds, from the official OpenAPI spec
/// (`components.schemas.fortnox_*`, `maxLength`; fortnox-api.md §7).
///
/// A longer value is refused before the request with ``ConnectorError/Kind-swift.struct/invalidRecord``
/// naming the field and the limit: a ledger's data is never truncated silently. Lengths are counted in
/// UTF-16 code units, the strictest of the usual counts (the emulator counts the same way).
enum FieldLimits {
    /// `fortnox_Customer`.
    static let customer: [String: Int] = [
        "CustomerNumber": 1024, "Name": 1024, "Email": 1024, "Phone1": 1024, "WWW": 128, "Currency": 3,
        "Address1": 1024, "Address2": 1024, "ZipCode": 10, "City": 1024, "CountryCode": 2,
        "DeliveryAddress1": 1024, "DeliveryAddress2": 1024, "DeliveryZipCode": 10, "DeliveryCity": 1024,
        "DeliveryCountryCode": 2, "VisitingAddress": 128, "VisitingZipCode": 10, "VisitingCity": 128,
        "VisitingCountryCode": 2,
    ]

    /// `fortnox_Article` (and `fortnox_Unit.Code` for `Unit`).
    static let article: [String: Int] = ["ArticleNumber": 50, "Description": 200, "Unit": 20]

    /// `fortnox_Project`.
    static let project: [String: Int] = ["ProjectNumber": 20, "Description": 50, "ProjectLeader": 50]

    /// `fortnox_InvoicePayload`.
    static let invoice: [String: Int] = [
        "CustomerNumber": 1024, "Currency": 3, "OurReference": 50, "YourReference": 50, "YourOrderNumber": 75,
        "ExternalInvoiceReference1": 80, "ExternalInvoiceReference2": 80, "Project": 20, "CostCenter": 6,
        "Remarks": 1024, "Comments": 1024, "Language": 2,
    ]

    /// `fortnox_Invoice_InvoiceRow` (and the referenced keys' limits).
    static let invoiceRow: [String: Int] = [
        "ArticleNumber": 50, "Description": 255, "Unit": 20, "CostCenter": 6, "Project": 20,
    ]

    /// The length of `text` as the limits count it.
    static func length(of text: String) -> Int { text.utf16.count }
}
