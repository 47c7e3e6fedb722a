import Foundation
import JSONSupport
import SyncCore

/// Canonical ``ProjectFee`` (R5) ↔ Severa `ProjectFeeInputModel` / `ProjectFeeOutputModel`.
///
/// | canonical | Severa |
/// |---|---|
/// | `sourceReference` | a line `brygga-source: <reference>` in `description`, which is how a fee is found again (R5.4) |
/// | `projectNumber` | the project found by `number` (`project{guid}` on the wire) |
/// | `productCode` | `product{guid}` of the product with that `code` (R5.3; project fees take products only, not work or travel types); the default product's code when absent |
/// | `description` | `name`, the fee's text on the project and the invoice |
/// | `date` | `eventDate` |
/// | `quantity` | `quantity` |
/// | `unitAmount` | `unitPrice` and `unitCost` (the cost is passed on at cost) |
/// | — | no `vatRate` (R5.2, MONEY-FLOWS decision 2: the amounts are net of VAT; Severa applies the product's sales VAT when the fee is invoiced) |
enum ProjectFeeMapping {
    /// The prefix of the description line carrying the source reference.
    static let markerPrefix = "brygga-source: "

    /// The description that carries `sourceReference`.
    static func marker(_ sourceReference: String) -> String { markerPrefix + sourceReference }

    /// The source reference a fee's description carries, if any.
    static func sourceReference(inDescription description: String?) -> String? {
        guard let description else { return nil }
        for line in description.split(whereSeparator: \.isNewline) where line.hasPrefix(markerPrefix) {
            return String(line.dropFirst(markerPrefix.count))
        }
        return nil
    }

    /// The `POST /v1/projectfees` body.
    static func createBody(_ fee: ProjectFee, projectGUID: String, productGUID: String) -> JSONValue {
        var body: [String: JSONValue] = [
            "project": WireValues.reference(projectGUID), "product": WireValues.reference(productGUID),
            "description": .string(marker(fee.sourceReference)), "quantity": WireValues.decimal(fee.quantity),
            "unitPrice": WireValues.money(fee.unitAmount), "unitCost": WireValues.money(fee.unitAmount),
        ]
        if !fee.description.isEmpty { body["name"] = .string(fee.description) }
        if let date = fee.date { body["eventDate"] = .string(date.description) }
        return .object(body)
    }

    /// Reads a fee created by Brygga; `nil` when its description carries no source reference.
    static func fee(_ object: WireObject, projectNumber: String) throws(WireError) -> ProjectFee? {
        guard let reference = sourceReference(inDescription: try object.optionalString("description")) else {
            return nil
        }
        var price = try object.optionalMoney("unitPrice")
        if price == nil { price = try object.optionalMoney("unitCost") }
        guard let unitAmount = price else { throw object.error("unitPrice", "missing") }
        return ProjectFee(
            sourceReference: reference,
            projectNumber: projectNumber,
            productCode: try object.optionalObject("product")?.optionalText("code"),
            description: try object.optionalString("name") ?? "",
            date: try object.optionalDate("eventDate"),
            quantity: try object.decimal("quantity"),
            unitAmount: unitAmount
        )
    }
}
