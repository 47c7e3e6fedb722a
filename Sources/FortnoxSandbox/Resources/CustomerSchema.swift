import JSONSupport
import SandboxKit

/// The fields of `fortnox_Customer` with the defaults a new customer gets [rec 2023].
enum CustomerSchema {
    /// The delivery types a customer gets when none are sent.
    static let deliveryTypeChoices = ["PRINT", "EMAIL", "PRINTSERVICE"]

    /// The full customer.
    static let entity = EntitySchema(
        wrapper: "Customer",
        fields: [
            FieldSpec("@url", .text(maxLength: nil), .readOnly),
            FieldSpec("Active", .boolean, absent: true),
            FieldSpec("Address1", .text(maxLength: 1024)),
            FieldSpec("Address2", .text(maxLength: 1024)),
            FieldSpec("City", .text(maxLength: 1024)),
            FieldSpec("Comments", .text(maxLength: 1024)),
            FieldSpec("CostCenter", .text(maxLength: 6)),
            FieldSpec("Country", .text(maxLength: nil), .readOnly),
            FieldSpec("CountryCode", .text(maxLength: 2)),
            FieldSpec("Currency", .text(maxLength: 3), absent: "SEK"),
            FieldSpec("CustomerNumber", .text(maxLength: 1024)),
            FieldSpec(
                "DefaultDeliveryTypes", .nested, absent: ["Invoice": "PRINT", "Order": "PRINT", "Offer": "PRINT"]
            ),
            FieldSpec(
                "DefaultTemplates", .nested,
                absent: [
                    "Order": "DEFAULTTEMPLATE", "Offer": "DEFAULTTEMPLATE", "Invoice": "DEFAULTTEMPLATE",
                    "CashInvoice": "DEFAULTTEMPLATE",
                ]
            ),
            FieldSpec("DeliveryAddress1", .text(maxLength: 1024)),
            FieldSpec("DeliveryAddress2", .text(maxLength: 1024)),
            FieldSpec("DeliveryCity", .text(maxLength: 1024)),
            FieldSpec("DeliveryCountry", .text(maxLength: 1024), .readOnly),
            FieldSpec("DeliveryCountryCode", .text(maxLength: 2)),
            FieldSpec("DeliveryFax", .text(maxLength: 1024)),
            FieldSpec("DeliveryName", .text(maxLength: 1024)),
            FieldSpec("DeliveryPhone1", .text(maxLength: 1024)),
            FieldSpec("DeliveryPhone2", .text(maxLength: 1024)),
            FieldSpec("DeliveryZipCode", .text(maxLength: 10)),
            FieldSpec("Email", .text(maxLength: 1024), absent: ""),
            FieldSpec("EmailInvoice", .text(maxLength: 1024), absent: ""),
            FieldSpec("EmailInvoiceBCC", .text(maxLength: 1024), absent: ""),
            FieldSpec("EmailInvoiceCC", .text(maxLength: 1024), absent: ""),
            FieldSpec("EmailOffer", .text(maxLength: 1024), absent: ""),
            FieldSpec("EmailOfferBCC", .text(maxLength: 1024), absent: ""),
            FieldSpec("EmailOfferCC", .text(maxLength: 1024), absent: ""),
            FieldSpec("EmailOrder", .text(maxLength: 1024), absent: ""),
            FieldSpec("EmailOrderBCC", .text(maxLength: 1024), absent: ""),
            FieldSpec("EmailOrderCC", .text(maxLength: 1024), absent: ""),
            FieldSpec("ExternalReference", .text(maxLength: 1024)),
            FieldSpec("Fax", .text(maxLength: 1024)),
            FieldSpec("GLN", .text(maxLength: 13)),
            FieldSpec("GLNDelivery", .text(maxLength: 13)),
            FieldSpec("InvoiceAdministrationFee", .text(maxLength: nil)),
            FieldSpec("InvoiceDiscount", .decimal(scale: 2)),
            FieldSpec("InvoiceFreight", .text(maxLength: nil)),
            FieldSpec("InvoiceRemark", .text(maxLength: 1024), absent: ""),
            FieldSpec("Name", .text(maxLength: 1024)),
            FieldSpec("OrganisationNumber", .text(maxLength: 30), absent: ""),
            FieldSpec("OurReference", .text(maxLength: 50), absent: ""),
            FieldSpec("Phone1", .text(maxLength: 1024)),
            FieldSpec("Phone2", .text(maxLength: 1024)),
            FieldSpec("PriceList", .text(maxLength: nil), absent: "A"),
            FieldSpec("Project", .text(maxLength: 20), absent: ""),
            FieldSpec("SalesAccount", .text(maxLength: 4)),
            FieldSpec("ShowPriceVATIncluded", .boolean, absent: false),
            FieldSpec("TermsOfDelivery", .text(maxLength: nil), absent: ""),
            FieldSpec("TermsOfPayment", .text(maxLength: nil), absent: ""),
            FieldSpec("Type", .choice(["PRIVATE", "COMPANY"]), absent: "COMPANY"),
            FieldSpec("VATNumber", .text(maxLength: nil), absent: ""),
            FieldSpec(
                "VATType", .choice(["SEVAT", "SEREVERSEDVAT", "EUREVERSEDVAT", "EUVAT", "EXPORT"]), absent: "SEVAT"
            ),
            FieldSpec("VisitingAddress", .text(maxLength: 128)),
            FieldSpec("VisitingCity", .text(maxLength: 128)),
            FieldSpec("VisitingCountry", .text(maxLength: 128), .readOnly),
            FieldSpec("VisitingCountryCode", .text(maxLength: 2)),
            FieldSpec("VisitingZipCode", .text(maxLength: 10)),
            FieldSpec("WWW", .text(maxLength: 128), absent: ""),
            FieldSpec("WayOfDelivery", .text(maxLength: nil), absent: ""),
            FieldSpec("YourReference", .text(maxLength: 50), absent: ""),
            FieldSpec("ZipCode", .text(maxLength: 10)),
        ]
    )

    /// The list item [rec]: `Phone` is `Phone1`, and `null` texts show as `""`.
    static let listItem = ListItemSchema(
        listKey: "Customers", detail: entity,
        names: [
            "@url", "Address1", "Address2", "City", "CustomerNumber", "Email", "Name", "OrganisationNumber", "Phone",
            "ZipCode",
        ],
        transforms: [
            "Address1": .emptyForNull, "Address2": .emptyForNull, "City": .emptyForNull, "Phone": .emptyForNull,
            "ZipCode": .emptyForNull,
        ],
        renamed: ["Phone": "Phone1"]
    )

    /// The members of `DefaultDeliveryTypes`.
    static let deliveryTypeMembers: [String: FieldSpec] = [
        "Invoice": FieldSpec("Invoice", .choice(deliveryTypeChoices)),
        "Order": FieldSpec("Order", .choice(deliveryTypeChoices)),
        "Offer": FieldSpec("Offer", .choice(deliveryTypeChoices)),
    ]

    /// The members of `DefaultTemplates`.
    static let templateMembers: [String: FieldSpec] = [
        "Order": FieldSpec("Order", .text(maxLength: nil)),
        "Offer": FieldSpec("Offer", .text(maxLength: nil)),
        "Invoice": FieldSpec("Invoice", .text(maxLength: nil)),
        "CashInvoice": FieldSpec("CashInvoice", .text(maxLength: nil)),
    ]
}
