public import SyncCore

extension FortnoxConnector {
    /// Plain mapping values and behaviour switches; the command line fills them from ``MappingSet``
    /// (``init(mappings:)``) and the configuration.
    public struct Options: Sendable, Hashable {
        /// The Fortnox customer fields of each address role (R2.4); a role left out is not carried.
        public var addressFields: [AddressRole: FortnoxAddressFields]
        /// The article `Type` a new article gets for its product kind (R1); `SERVICE` when a kind is
        /// missing.
        public var articleTypes: [ProductKind: FortnoxArticleType]
        /// The kind given to articles read from Fortnox, which have none (the register a new Fortnox
        /// article goes to in Severa); not carried, so never compared.
        public var listedArticleKind: ProductKind
        /// Whether project accounting is taken as on when `/3/settings/company` does not say (R5.1).
        /// Fortnox's documented settings have no such field; only the emulator's INVENTED
        /// `ProjectAccounting` does. On by default: assuming it off would silently stop the fee flow,
        /// assuming it on only lists supplier-invoice rows, which carry no project when it is off.
        public var assumesProjectAccounting: Bool
        /// The price list that holds article sales prices, normally `A`.
        public var priceList: String
        /// The company's currency: the currency of the price list and of supplier-invoice booking
        /// amounts (`Debit`/`Credit`), normally SEK.
        public var companyCurrency: CurrencyCode
        /// How far before a listing's start the next cursor is placed (clock skew, minute granularity).
        public var changeOverlap: Duration
        /// Items per list page (Fortnox allows up to 500).
        public var pageSize: Int
        /// Whether supplier-invoice rows become project fees only once their invoice is booked
        /// (`Booked`): a booked invoice cannot change any more, so a row transferred once (R5.4) stays
        /// right. Off: rows of unbooked invoices are transferred as soon as they are listed.
        public var feesRequireBookedSupplierInvoices: Bool

        /// Creates options; every value has a default matching the shipped mappings.
        public init(
            addressFields: [AddressRole: FortnoxAddressFields] = MappingSet.defaults.addressRoles.mapValues(\.fortnox),
            articleTypes: [ProductKind: FortnoxArticleType] = MappingSet.defaults.productKinds.fortnoxArticleTypes,
            listedArticleKind: ProductKind = MappingSet.defaults.productKinds.newFortnoxArticle.register,
            assumesProjectAccounting: Bool = true,
            priceList: String = "A",
            companyCurrency: CurrencyCode = .sek,
            changeOverlap: Duration = .seconds(300),
            pageSize: Int = 500,
            feesRequireBookedSupplierInvoices: Bool = true
        ) {
            self.addressFields = addressFields
            self.articleTypes = articleTypes
            self.listedArticleKind = listedArticleKind
            self.assumesProjectAccounting = assumesProjectAccounting
            self.priceList = priceList
            self.companyCurrency = companyCurrency
            self.changeOverlap = changeOverlap
            self.pageSize = min(max(pageSize, 1), 500)
            self.feesRequireBookedSupplierInvoices = feesRequireBookedSupplierInvoices
        }

        /// Options taking the address roles and article types of `mappings`, the rest defaulted.
        public init(mappings: MappingSet) {
            self.init(
                addressFields: mappings.addressRoles.mapValues(\.fortnox),
                articleTypes: mappings.productKinds.fortnoxArticleTypes,
                listedArticleKind: mappings.productKinds.newFortnoxArticle.register
            )
        }
    }
}
