import Foundation
public import SyncCore

extension SeveraConnector {
    /// What the mappings decide, as plain values (the CLI maps its `Mappings` configuration onto these).
    public struct Options: Sendable, Hashable {
        /// One Severa unit text and the canonical unit code it stands for (R1.3).
        public struct UnitAlias: Sendable, Hashable {
            /// The free text Severa holds in `measurementUnit`, e.g. `tim`; matched ignoring case and
            /// surrounding white space.
            public var severa: String
            /// The canonical (Fortnox) unit code, e.g. `h`; matched exactly.
            public var code: String

            /// Creates an alias.
            public init(severa: String, code: String) {
                self.severa = severa
                self.code = code
            }
        }

        /// Severa's `ProductType` for products (`FixedFees` is "own work" in the UI).
        public enum ProductType: String, Sendable, Hashable, CaseIterable {
            case fixedFees = "FixedFees"
            case materials = "Materials"
            case subcontracting = "Subcontracting"
        }

        /// Severa's `ExpensesClass` for travel expense types.
        public enum TravelExpenseClass: String, Sendable, Hashable, CaseIterable {
            case mileage = "Mileage"
            case dailyAllowance = "DailyAllowance"
            case otherTravelExpense = "OtherTravelExpense"
        }

        /// The three type flags of a Severa address.
        public enum AddressFlag: String, Sendable, Hashable, CaseIterable {
            case isBillingAddress
            case isPostalAddress
            case isVisitAddress
        }

        /// Unit aliases, first match wins in both directions: a Severa text is read as the code of the
        /// first alias whose `severa` matches, a code is written as the `severa` of the first alias whose
        /// `code` matches. Units without an alias pass unchanged (trimmed); empty text is no unit.
        public var unitAliases: [UnitAlias]
        /// The `type` of products created in Severa (default `Materials`).
        public var newProductType: ProductType
        /// The `expenseClass` of travel expense types created in Severa (default `OtherTravelExpense`).
        public var newTravelExpenseClass: TravelExpenseClass
        /// Which Severa flag each canonical address role reads and writes (R2.4); default billing ↔
        /// `isBillingAddress`, postal ↔ `isPostalAddress`, visiting ↔ `isVisitAddress`.
        public var addressRoleFlags: [AddressRole: AddressFlag]
        /// The code of the Severa product a project fee gets when its source row names none (R5.3).
        public var defaultFeeProductCode: String?
        /// The Severa registers the product endpoint lists, finds and creates in (default all three).
        /// ``SeveraConnector/products``' `carriedFields` is the intersection of their fields: with work
        /// types included, unit, price and VAT are not compared or updated (work types have none).
        public var productRegisters: Set<ProductKind>
        /// Severa cost center identifiers (`costCenter.number` on invoice rows) mapped to canonical codes
        /// (R4.5); identifiers without an entry pass unchanged.
        public var costCenterAliases: [String: String]
        /// The currency of a new travel expense type's required `unitCost` when the product has no price.
        public var defaultCurrency: String
        /// How far before the latest `lastUpdatedDateTime` seen (less the listing's duration) the next
        /// listing starts, for changes committed late.
        public var changeFeedOverlap: Duration
        /// After this many customers' addresses were read one customer at a time in one listing, the
        /// rest of the listing reads the whole `/v1/addresses` register instead.
        public var addressIndexThreshold: Int

        /// Creates options; every value has a default.
        public init(
            unitAliases: [UnitAlias] = [],
            newProductType: ProductType = .materials,
            newTravelExpenseClass: TravelExpenseClass = .otherTravelExpense,
            addressRoleFlags: [AddressRole: AddressFlag] = Options.defaultAddressRoleFlags,
            defaultFeeProductCode: String? = nil,
            productRegisters: Set<ProductKind> = Set(ProductKind.allCases),
            costCenterAliases: [String: String] = [:],
            defaultCurrency: String = "SEK",
            changeFeedOverlap: Duration = .seconds(2),
            addressIndexThreshold: Int = 25
        ) {
            self.unitAliases = unitAliases
            self.newProductType = newProductType
            self.newTravelExpenseClass = newTravelExpenseClass
            self.addressRoleFlags = addressRoleFlags
            self.defaultFeeProductCode = defaultFeeProductCode
            self.productRegisters = productRegisters
            self.costCenterAliases = costCenterAliases
            self.defaultCurrency = defaultCurrency
            self.changeFeedOverlap = changeFeedOverlap
            self.addressIndexThreshold = addressIndexThreshold
        }

        /// billing ↔ `isBillingAddress`, postal ↔ `isPostalAddress`, visiting ↔ `isVisitAddress`.
        public static let defaultAddressRoleFlags: [AddressRole: AddressFlag] = [
            .billing: .isBillingAddress, .postal: .isPostalAddress, .visiting: .isVisitAddress,
        ]

        /// The canonical unit code for Severa's `measurementUnit` text; `nil` for none.
        func canonicalUnit(_ severa: String?) -> String? {
            guard let text = severa?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            let lowered = text.lowercased()
            let alias = unitAliases.first {
                $0.severa.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == lowered
            }
            return alias?.code ?? text
        }

        /// Severa's `measurementUnit` text for a canonical unit code; `nil` for none.
        func severaUnit(_ code: String?) -> String? {
            guard let code, !code.isEmpty else { return nil }
            return unitAliases.first { $0.code == code }?.severa ?? code
        }

        /// The canonical cost center code for a Severa identifier.
        func costCenterCode(_ identifier: String?) -> String? {
            guard let identifier, !identifier.isEmpty else { return nil }
            return costCenterAliases[identifier] ?? identifier
        }
    }
}
