import Foundation
import JSONSupport
import SandboxKit

/// `/3/articles`: `Unit` must name an existing unit, accounts have four digits, `ArticleNumber` cannot
/// change, and `SalesPrice` is read-only (shown from price list A).
///
/// A `SalesPrice` sent in a POST or PUT is ignored like every read-only field (the reference marks
/// ignore-or-reject UNVERIFIED): the response then shows the price list's price, so a client that
/// expected the field to set the price sees at once that it did not.
struct ArticleHandler: ResourceHandler {
    /// The handler.
    static let shared = ArticleHandler()

    let definition = ResourceDefinition(
        resource: .articles,
        schema: ArticleSchema.entity,
        listItem: ArticleSchema.listItem,
        keyField: "ArticleNumber",
        keying: .series,
        listOptions: ListOptions(
            filters: ["active", "inactive"],
            searches: [
                "articlenumber": "ArticleNumber", "description": "Description", "ean": "EAN",
                "suppliernumber": "SupplierNumber", "manufacturer": "Manufacturer",
                "manufacturerarticlenumber": "ManufacturerArticleNumber", "webshop": "WebshopArticle",
            ],
            sortKeys: [
                "articlenumber": "ArticleNumber", "quantityinstock": "QuantityInStock",
                "reservedquantity": "ReservedQuantity", "stockvalue": "StockValue",
            ]
        ),
        notFound: .notFound(FortnoxErrorCode.articleNotFound, "Kan inte hitta artikeln."),
        itemMethods: ["GET", "PUT", "DELETE"]
    )

    func prepareCreate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext)
        throws(FortnoxError)
    {
        try FortnoxStore.checkRequired(values, "Description")
        try store.checkUnit(values.text("Unit"))
        for account in [
            "SalesAccount", "PurchaseAccount", "EUAccount", "EUVATAccount", "ExportAccount", "StockAccount",
            "StockChangeAccount",
        ] {
            try FortnoxStore.checkAccount(values, account)
        }
        let vat = values.decimal("VAT")
        if !ArticleSchema.vatRates.contains(where: { Decimal($0) == vat }) {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.invalidChoice, "Ogiltig momssats \(vat). Tillåtna: 0, 6, 12, 25."
            )
        }
        let supplier = values.text("SupplierNumber")
        if !supplier.isEmpty, !store.exists(.suppliers, supplier) {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.supplierReferenceNotFound, "Leverantören \(supplier) hittades inte (SupplierNumber)."
            )
        }
    }

    func prepareDelete(key: String, values: FieldValues, in store: FortnoxStore) throws(FortnoxError) {
        let rows = InvoiceSchema.entity.index(of: "InvoiceRows")
        let used = store.table(.invoices).records.values.contains { stored in
            stored.record.value(at: rows)?.arrayValue?.contains { $0["ArticleNumber"] == .string(key) } ?? false
        }
        if used {
            throw .badRequest(  // INVENTED code, see FortnoxErrorCode
                FortnoxErrorCode.resourceInUse, "Artikeln \(key) används på fakturor och kan inte tas bort."
            )
        }
    }

    func didDelete(key: String, values: FieldValues, store: inout FortnoxStore, context: RequestContext) {
        let prices = store.table(.prices).records.keys.filter { PriceHandler.articleNumber(ofKey: $0) == key }
        store.modifyTable(.prices) { table in
            for price in prices { table.remove(price, retire: false) }
        }
    }

    func decorate(_ values: inout FieldValues, in store: FortnoxStore, context: RequestContext) {
        let number = values.text("ArticleNumber")
        values["@url"] = .string(context.url("articles", number))
        values["SalesPrice"] = store.salesPrice(ofArticle: number) ?? .null
        let supplier = values.text("SupplierNumber")
        values["SupplierName"] =
            supplier.isEmpty ? .null : store.values(.suppliers, supplier)?.resolved("Name") ?? .null
    }
}
