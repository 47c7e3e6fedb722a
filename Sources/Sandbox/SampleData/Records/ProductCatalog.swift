/// What a Swedish consultancy sells and bills: goods and fixed fees, work types, travel expense
/// types, with units, price ranges (in whole kronor) and VAT rates, plus the Fortnox units.
enum ProductCatalog {
    /// A kind of product in Severa's product register.
    struct ProductBase: Sendable {
        let name: String
        /// Severa `ProductType`.
        let type: String
        /// The Fortnox unit code.
        let unit: String
        /// The sales price range in whole kronor.
        let prices: ClosedRange<Int>
        let vatRate: Int
    }

    /// A kind of travel expense.
    struct TravelBase: Sendable {
        let name: String
        /// Severa `ExpensesClass`.
        let expenseClass: String
        let unit: String
        /// The price in öre billed per unit.
        let priceCents: Int
        let vatRate: Int
    }

    /// The units the sample Fortnox company has: code, Swedish description, English code.
    static let fortnoxUnits: [(code: String, description: String, english: String)] = [
        ("st", "Styck", "pcs"), ("h", "Timme", "h"), ("dag", "Dag", "day"), ("km", "Kilometer", "km"),
        ("kg", "Kilogram", "kg"), ("m", "Meter", "m"), ("förp", "Förpackning", "pkg"), ("utl", "Utlägg", "outlay"),
    ]

    /// Other Severa spellings of a Fortnox unit (Brygga's unit mapping resolves them, R1.3).
    static let unitAliases: [String: [String]] = [
        "st": ["styck", "pcs", "st."], "h": ["tim", "timme"], "dag": ["dagar"], "förp": ["förpackning"],
    ]

    static let productBases: [ProductBase] = [
        ProductBase(name: "Kontorsstol", type: "Materials", unit: "st", prices: 1_990...6_990, vatRate: 25),
        ProductBase(
            name: "Skrivbord höj- och sänkbart", type: "Materials", unit: "st", prices: 4_500...12_000, vatRate: 25),
        ProductBase(name: "Bildskärm 27 tum", type: "Materials", unit: "st", prices: 2_490...5_990, vatRate: 25),
        ProductBase(name: "Dockningsstation", type: "Materials", unit: "st", prices: 1_290...3_490, vatRate: 25),
        ProductBase(name: "Nätverkskabel Cat6", type: "Materials", unit: "m", prices: 9...29, vatRate: 25),
        ProductBase(name: "Tangentbord", type: "Materials", unit: "st", prices: 349...1_490, vatRate: 25),
        ProductBase(name: "Headset", type: "Materials", unit: "st", prices: 590...2_990, vatRate: 25),
        ProductBase(name: "Webbkamera", type: "Materials", unit: "st", prices: 590...1_990, vatRate: 25),
        ProductBase(name: "Router", type: "Materials", unit: "st", prices: 990...4_990, vatRate: 25),
        ProductBase(name: "Switch 24 portar", type: "Materials", unit: "st", prices: 1_990...8_990, vatRate: 25),
        ProductBase(name: "Serverskåp", type: "Materials", unit: "st", prices: 4_990...19_990, vatRate: 25),
        ProductBase(name: "UPS-aggregat", type: "Materials", unit: "st", prices: 1_490...9_990, vatRate: 25),
        ProductBase(name: "Hårddisk 2 TB", type: "Materials", unit: "st", prices: 790...1_990, vatRate: 25),
        ProductBase(name: "Projektor", type: "Materials", unit: "st", prices: 4_990...14_990, vatRate: 25),
        ProductBase(name: "Skrivare laser", type: "Materials", unit: "st", prices: 1_990...7_990, vatRate: 25),
        ProductBase(name: "Toner svart", type: "Materials", unit: "st", prices: 490...1_490, vatRate: 25),
        ProductBase(name: "Kabelkanal", type: "Materials", unit: "m", prices: 39...129, vatRate: 25),
        ProductBase(name: "Fiberkabel", type: "Materials", unit: "m", prices: 19...59, vatRate: 25),
        ProductBase(name: "Installationsmaterial", type: "Materials", unit: "kg", prices: 79...299, vatRate: 25),
        ProductBase(name: "Batterier AA", type: "Materials", unit: "förp", prices: 49...149, vatRate: 25),
        ProductBase(name: "Facklitteratur", type: "Materials", unit: "st", prices: 299...899, vatRate: 6),
        ProductBase(name: "Konferensfika", type: "Materials", unit: "st", prices: 45...120, vatRate: 12),
        ProductBase(name: "Fastprisuppdrag", type: "FixedFees", unit: "st", prices: 10_000...150_000, vatRate: 25),
        ProductBase(name: "Månadsavgift support", type: "FixedFees", unit: "st", prices: 990...9_990, vatRate: 25),
        ProductBase(name: "Årsavgift licens", type: "FixedFees", unit: "st", prices: 2_990...49_990, vatRate: 25),
        ProductBase(name: "Startavgift", type: "FixedFees", unit: "st", prices: 1_500...15_000, vatRate: 25),
        ProductBase(
            name: "Underkonsult utveckling", type: "Subcontracting", unit: "h", prices: 750...1_250, vatRate: 25),
        ProductBase(name: "Underkonsult design", type: "Subcontracting", unit: "h", prices: 700...1_150, vatRate: 25),
        ProductBase(name: "Översättningstjänst", type: "Subcontracting", unit: "h", prices: 550...950, vatRate: 25),
    ]

    /// Model names that make product names unique beyond the first round of bases.
    static let productModels = ["Pro", "Bas", "Plus", "Eco", "Max", "Mini", "Nord", "Flex"]

    static let workTypeBases = [
        "Konsulttimme", "Projektledning", "Systemutveckling", "Arkitektur", "Testning", "Utbildning", "Support",
        "Installation", "Design", "Dokumentation", "Analys", "Rådgivning",
    ]

    static let workTypeLevels = ["", "senior", "junior", "expert", "jour"]

    static let travelBases: [TravelBase] = [
        TravelBase(name: "Bilersättning", expenseClass: "Mileage", unit: "km", priceCents: 350, vatRate: 0),
        TravelBase(
            name: "Traktamente heldag", expenseClass: "DailyAllowance", unit: "dag", priceCents: 29_000, vatRate: 0),
        TravelBase(
            name: "Traktamente halvdag", expenseClass: "DailyAllowance", unit: "dag", priceCents: 14_500, vatRate: 0),
        TravelBase(name: "Hotell", expenseClass: "OtherTravelExpense", unit: "st", priceCents: 145_000, vatRate: 12),
        TravelBase(name: "Taxi", expenseClass: "OtherTravelExpense", unit: "st", priceCents: 42_000, vatRate: 6),
        TravelBase(name: "Tågresa", expenseClass: "OtherTravelExpense", unit: "st", priceCents: 89_000, vatRate: 6),
        TravelBase(name: "Flygresa", expenseClass: "OtherTravelExpense", unit: "st", priceCents: 235_000, vatRate: 6),
        TravelBase(name: "Parkering", expenseClass: "OtherTravelExpense", unit: "st", priceCents: 12_000, vatRate: 25),
        TravelBase(
            name: "Utlägg övrigt", expenseClass: "OtherTravelExpense", unit: "utl", priceCents: 10_000, vatRate: 25),
    ]

    /// The name of the `ordinal`-th item of a list of `names`: the names themselves first, then with a
    /// running number (`Taxi 2`), so names never repeat.
    static func uniqueName(_ names: [String], ordinal: Int) -> String {
        let name = names[ordinal % names.count]
        return ordinal < names.count ? name : "\(name) \(ordinal / names.count + 1)"
    }
}
