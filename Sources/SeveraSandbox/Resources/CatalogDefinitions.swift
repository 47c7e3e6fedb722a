import Foundation
import JSONSupport
import SandboxKit

/// What Severa sells and bills: products, work types and travel expense types (`settings:*`).
enum CatalogDefinitions {
    /// The `ProductType` values (`FixedFees` is "own work" in the UI).
    static let productTypes = ["FixedFees", "Materials", "Subcontracting"]

    /// `ProductOutputModel` / `ProductInputModel`. `measurementUnit` is free text (there is no unit resource).
    /// UNVERIFIED: product codes are not required to be unique.
    static let products = ResourceDefinition(
        kind: .products,
        schema: RecordSchema(
            [
                .guidField, .text("name", required: true), .text("code"), .money("unitPrice"), .money("unitCost"),
                .number("vatRate"), .text("measurementUnit"), .optionalFlag("isActive", default: true),
                .foreign("productCategory", "product category"),
                .reference("salesAccount", to: .salesAccounts, SeveraDefinitions.salesAccountModel),
                // INVENTED: a product created without a type is a "Materials" product.
                FieldSpec(name: "type", kind: .enumeration(productTypes), defaultValue: "Materials"),
                .text("proposalDescription"),
            ] + FieldSpec.auditFields)
    )

    /// `WorkTypeOutputModel` / `WorkTypeInputModel`; hour prices live in price lists, not here.
    static let workTypes = ResourceDefinition(
        kind: .workTypes,
        schema: RecordSchema(
            [
                // UNVERIFIED: isActive/isProductive are non-nullable in the input model; the emulator
                // defaults them to true when left out rather than to .NET's false.
                .guidField, .text("name", required: true), .flag("isActive", default: true),
                .flag("isProductive", default: true), .flag("isDefault"),
                .reference("salesAccount", to: .salesAccounts, .named), .text("code"), .money("hourCost"),
            ] + FieldSpec.auditFields)
    )

    /// The `ExpensesClass` values.
    static let expenseClasses = ["Mileage", "DailyAllowance", "OtherTravelExpense"]

    /// `TravelExpenseTypeOutputModel`; create needs `name`, `expenseClass` and `unitCost`.
    static let travelExpenseTypes = ResourceDefinition(
        kind: .travelExpenseTypes,
        schema: RecordSchema(
            [
                .guidField, .text("name", required: true),
                .computed("isMileage") { record, store in
                    .bool(store.string(.travelExpenseTypes, record, "expenseClass") == "Mileage")
                },
                .computed("isDailyAllowance") { record, store in
                    .bool(store.string(.travelExpenseTypes, record, "expenseClass") == "DailyAllowance")
                },
                .choice("expenseClass", expenseClasses, required: true), .number("purchaseVatRate"),
                .flag("includeTime"), .foreign("costAccount", "cost account"), .money("unitCost", required: true),
                .text("code"), .number("vatRate"), .text("measurementUnit"), .optionalFlag("isActive", default: true),
                .foreign("productCategory", "product category"),
                .reference("salesAccount", to: .salesAccounts, SeveraDefinitions.salesAccountModel),
            ] + FieldSpec.auditFields)
    )
}
