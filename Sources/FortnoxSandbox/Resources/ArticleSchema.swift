import JSONSupport
import SandboxKit

/// The fields of `fortnox_Article` with the defaults a new article gets [rec 2026].
enum ArticleSchema {
    /// The full article. `SalesPrice` is read-only: it shows price list A's price from quantity 0.
    static let entity = EntitySchema(
        wrapper: "Article",
        fields: [
            FieldSpec("@url", .text(maxLength: nil), .readOnly),
            FieldSpec("Active", .boolean, absent: true),
            FieldSpec("ArticleNumber", .text(maxLength: 50), .createOnly),
            FieldSpec("Bulky", .boolean, absent: false),
            FieldSpec("CommodityCode", .text(maxLength: nil), absent: ""),
            FieldSpec("ConstructionAccount", .integer, absent: 0),
            FieldSpec("CostCalculationMethod", .text(maxLength: nil)),
            FieldSpec("DefaultStockLocation", .text(maxLength: nil)),
            FieldSpec("DefaultStockPoint", .text(maxLength: nil)),
            FieldSpec("Depth", .integer, absent: 0),
            FieldSpec("Description", .text(maxLength: 200)),
            FieldSpec("DirectCost", .decimal(scale: 2)),
            FieldSpec("DisposableQuantity", .decimal(scale: nil), .readOnly, absent: 0),
            FieldSpec("EAN", .text(maxLength: 30), absent: ""),
            FieldSpec("EUAccount", .integer, absent: 3108),
            FieldSpec("EUVATAccount", .integer, absent: 3106),
            FieldSpec("Expired", .boolean, absent: false),
            FieldSpec("ExportAccount", .integer, absent: 3105),
            FieldSpec("FreightCost", .decimal(scale: 2)),
            FieldSpec("Height", .integer, absent: 0),
            FieldSpec("Housework", .boolean, absent: false),
            FieldSpec("HouseworkType", .text(maxLength: nil)),
            FieldSpec("Manufacturer", .text(maxLength: 50)),
            FieldSpec("ManufacturerArticleNumber", .text(maxLength: 50), absent: ""),
            FieldSpec("Note", .text(maxLength: 10_000), absent: ""),
            FieldSpec("OtherCost", .decimal(scale: 2)),
            FieldSpec("PurchaseAccount", .integer, absent: 4000),
            FieldSpec("PurchasePrice", .decimal(scale: 2), absent: 0),
            FieldSpec("QuantityInStock", .decimal(scale: 3), absent: 0),
            FieldSpec("ReservedQuantity", .decimal(scale: nil), .readOnly, absent: 0),
            FieldSpec("SalesAccount", .integer, absent: 3001),
            FieldSpec("SalesPrice", .decimal(scale: 2), .readOnly),
            FieldSpec("StockAccount", .integer),
            FieldSpec("StockChangeAccount", .integer),
            FieldSpec("StockGoods", .boolean, absent: false),
            FieldSpec("StockPlace", .text(maxLength: 100)),
            FieldSpec("StockValue", .decimal(scale: nil), .readOnly, absent: 0),
            FieldSpec("StockWarning", .decimal(scale: nil)),
            FieldSpec("SupplierName", .text(maxLength: nil), .readOnly),
            FieldSpec("SupplierNumber", .text(maxLength: nil)),
            FieldSpec("Type", .choice(["STOCK", "SERVICE"]), absent: "STOCK"),
            FieldSpec("Unit", .text(maxLength: 20)),
            FieldSpec("VAT", .decimal(scale: 2), absent: 0),
            FieldSpec("WebshopArticle", .boolean, absent: false),
            FieldSpec("Weight", .integer, absent: 0),
            FieldSpec("Width", .integer, absent: 0),
        ]
    )

    /// The list item [rec]: prices, quantities and VAT as strings.
    static let listItem = ListItemSchema(
        listKey: "Articles", detail: entity,
        names: [
            "@url", "ArticleNumber", "Description", "DisposableQuantity", "EAN", "Housework", "PurchasePrice",
            "QuantityInStock", "ReservedQuantity", "SalesPrice", "StockPlace", "StockValue", "Unit", "VAT",
            "WebshopArticle",
        ],
        transforms: [
            "DisposableQuantity": .text, "PurchasePrice": .text, "QuantityInStock": .text, "ReservedQuantity": .text,
            "SalesPrice": .text, "StockValue": .text, "VAT": .text,
        ]
    )

    /// The VAT rates Swedish articles can carry.
    static let vatRates: [Int] = [0, 6, 12, 25]
}
