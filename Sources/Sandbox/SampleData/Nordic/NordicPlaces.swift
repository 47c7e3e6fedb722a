/// Cities with the postal codes they really use, and street names, per country.
enum NordicPlaces {
    /// A city and the range of its postal codes (as whole numbers).
    struct City: Sendable {
        /// The city's name as its post office writes it.
        let name: String
        /// Its postal codes, e.g. 11120…11869 for Stockholm.
        let postalCodes: ClosedRange<Int>
    }

    /// The cities of `country`, the largest first.
    static func cities(of country: NordicCountry) -> [City] {
        switch country {
        case .sweden: swedishCities
        case .norway: norwegianCities
        case .finland: finnishCities
        }
    }

    /// Street names of `country`.
    static func streets(of country: NordicCountry) -> [String] {
        switch country {
        case .sweden: swedishStreets
        case .norway: norwegianStreets
        case .finland: finnishStreets
        }
    }

    /// A post-office box line, e.g. `Box 1234`.
    static func postBox(in country: NordicCountry, using random: inout SampleRandom) -> String {
        let number = random.int(10...9999)
        switch country {
        case .sweden: return "Box \(number)"
        case .norway: return "Postboks \(number)"
        case .finland: return "PL \(number)"
        }
    }

    /// A street address line, e.g. `Storgatan 12B` or `Hämeenkatu 5 A`.
    static func streetLine(in country: NordicCountry, using random: inout SampleRandom) -> String {
        let street = random.pick(streets(of: country))
        let number = random.int(1...140)
        let letter = random.chance(15) ? random.pick(["A", "B", "C"]) : ""
        switch country {
        case .finland: return letter.isEmpty ? "\(street) \(number)" : "\(street) \(number) \(letter)"
        case .sweden, .norway: return "\(street) \(number)\(letter)"
        }
    }

    private static let swedishCities: [City] = [
        City(name: "Stockholm", postalCodes: 11120...11869), City(name: "Göteborg", postalCodes: 41101...41879),
        City(name: "Malmö", postalCodes: 21115...21768), City(name: "Uppsala", postalCodes: 75220...75758),
        City(name: "Linköping", postalCodes: 58210...58758), City(name: "Västerås", postalCodes: 72210...72481),
        City(name: "Örebro", postalCodes: 70210...70375), City(name: "Norrköping", postalCodes: 60210...60379),
        City(name: "Helsingborg", postalCodes: 25220...25669), City(name: "Jönköping", postalCodes: 55310...55656),
        City(name: "Umeå", postalCodes: 90325...90750), City(name: "Lund", postalCodes: 22220...22764),
        City(name: "Gävle", postalCodes: 80250...80646), City(name: "Sundsvall", postalCodes: 85230...85650),
        City(name: "Luleå", postalCodes: 97231...97595), City(name: "Växjö", postalCodes: 35230...35263),
    ]

    private static let norwegianCities: [City] = [
        City(name: "Oslo", postalCodes: 150...1295), City(name: "Bergen", postalCodes: 5003...5098),
        City(name: "Trondheim", postalCodes: 7010...7099), City(name: "Stavanger", postalCodes: 4005...4099),
        City(name: "Drammen", postalCodes: 3011...3048), City(name: "Kristiansand", postalCodes: 4608...4639),
        City(name: "Tromsø", postalCodes: 9006...9020), City(name: "Ålesund", postalCodes: 6002...6020),
        City(name: "Bodø", postalCodes: 8001...8041), City(name: "Fredrikstad", postalCodes: 1601...1639),
    ]

    private static let finnishCities: [City] = [
        City(name: "Helsinki", postalCodes: 100...990), City(name: "Espoo", postalCodes: 2100...2940),
        City(name: "Tampere", postalCodes: 33100...33900), City(name: "Vantaa", postalCodes: 1300...1770),
        City(name: "Oulu", postalCodes: 90100...90900), City(name: "Turku", postalCodes: 20100...20900),
        City(name: "Jyväskylä", postalCodes: 40100...40900), City(name: "Kuopio", postalCodes: 70100...70900),
        City(name: "Lahti", postalCodes: 15100...15900), City(name: "Vaasa", postalCodes: 65100...65800),
    ]

    private static let swedishStreets = [
        "Storgatan", "Drottninggatan", "Kungsgatan", "Sveavägen", "Vasagatan", "Hamngatan", "Järnvägsgatan",
        "Skolgatan", "Kyrkogatan", "Industrivägen", "Nygatan", "Östra Hamngatan", "Västra Kyrkogatan", "Ringvägen",
        "Björkvägen", "Tegnérgatan", "Götgatan", "Åsögatan", "Löjtnantsgatan", "Södra Förstadsgatan", "Ågatan",
        "Fabriksgatan", "Verkstadsgatan", "Mölndalsvägen",
    ]

    private static let norwegianStreets = [
        "Karl Johans gate", "Storgata", "Kirkegata", "Dronningens gate", "Strandgata", "Industriveien", "Parkveien",
        "Fjordgata", "Kongens gate", "Løkkeveien", "Sjøgata", "Ringveien", "Skolegata", "Nedre Slottsgate",
        "Øvre Storgate", "Bryggesporen", "Tollbugata", "Rådhusgata",
    ]

    private static let finnishStreets = [
        "Mannerheimintie", "Aleksanterinkatu", "Hämeenkatu", "Kauppakatu", "Puistokatu", "Teollisuuskatu",
        "Rantakatu", "Koulukatu", "Kirkkokatu", "Asemakatu", "Itäinen Pitkäkatu", "Läntinen Rantakatu",
        "Yliopistonkatu", "Satamakatu", "Hämeentie", "Tehtaankatu", "Pohjoisesplanadi",
    ]
}
