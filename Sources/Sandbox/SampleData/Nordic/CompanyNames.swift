/// Company names as they look in each country: a place-like compound or a family name, a line of
/// business, and the company form (`Björkdal Bygg AB`, `Fjellheim Eiendom AS`, `Virtanen Logistiikka Oy`).
enum CompanyNames {
    /// A company name of `country`.
    static func make(in country: NordicCountry, using random: inout SampleRandom) -> String {
        let words = vocabulary(of: country)
        let owner: String
        if random.chance(35) {
            owner = random.pick(words.families)
        } else {
            owner = random.pick(words.prefixes) + random.pick(words.endings)
        }
        let business = random.pick(words.businesses)
        return "\(owner) \(business) \(country.companySuffix)"
    }

    /// `name` without the company form at its end, e.g. `Björkdal Bygg`.
    static func shortName(_ name: String) -> String {
        for suffix in [" AB", " AS", " Oy", " Oy Ab"] where name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    /// `name` folded to lowercase ASCII words joined by hyphens, for web and e-mail addresses
    /// (`Åkesson & Ødegård AB` → `akesson-odegard`).
    static func slug(_ name: String) -> String {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        func endWord() {
            if !current.isEmpty, words.count < 3 { words.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in shortName(name).unicodeScalars {
            switch scalar {
            case "a"..."z", "0"..."9": current.append(scalar)
            case "A"..."Z": current.append(Unicode.Scalar(scalar.value + 32) ?? scalar)
            case "å", "ä", "á", "à", "Å", "Ä", "Á", "À": current.append("a")
            case "ö", "ø", "ó", "Ö", "Ø", "Ó": current.append("o")
            case "æ", "Æ": current.append(contentsOf: "ae".unicodeScalars)
            case "ü", "Ü": current.append("u")
            case "é", "è", "É", "È": current.append("e")
            default: endWord()
            }
        }
        endWord()
        return words.joined(separator: "-")
    }

    private struct Vocabulary {
        let prefixes: [String]
        let endings: [String]
        let families: [String]
        let businesses: [String]
    }

    private static func vocabulary(of country: NordicCountry) -> Vocabulary {
        switch country {
        case .sweden: swedish
        case .norway: norwegian
        case .finland: finnish
        }
    }

    private static let swedish = Vocabulary(
        prefixes: [
            "Nord", "Syd", "Väst", "Öst", "Berg", "Sjö", "Skog", "Fjäll", "Älv", "Ljung", "Björk", "Gran", "Ek", "Lind",
            "Sten", "Strand", "Dal", "Ängs", "Hav", "Vind", "Ros", "Tall",
        ],
        endings: ["vik", "berg", "dal", "ström", "gård", "holm", "näs", "by", "lund", "sund", "hamn", "kulla"],
        families: [
            "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
            "Lindqvist", "Lindström", "Bergström", "Åberg", "Söderberg", "Sjöberg", "Hedlund", "Öberg", "Wallin",
        ],
        businesses: [
            "Bygg", "Konsult", "Data", "Teknik", "Design", "Logistik", "Fastigheter", "Media", "Energi", "Redovisning",
            "Elektriska", "VVS", "Transport", "Måleri", "Arkitekter", "Systemutveckling", "Rådgivning", "Analys",
            "Snickeri", "Marin",
        ]
    )

    private static let norwegian = Vocabulary(
        prefixes: ["Fjord", "Nord", "Fjell", "Vik", "Berg", "Skog", "Sjø", "Strand", "Lys", "Bølge", "Havn", "Elv"],
        endings: ["heim", "vik", "dal", "nes", "berg", "stad", "ås", "land", "øy", "haug"],
        families: [
            "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
            "Karlsen", "Haugen", "Bakken", "Solberg", "Dahl", "Sæther", "Strøm", "Løken", "Ødegaard",
        ],
        businesses: [
            "Bygg", "Rådgivning", "Data", "Teknikk", "Eiendom", "Transport", "Elektro", "Regnskap", "Arkitekter",
            "Maskin", "Sjømat", "Energi", "Maling", "Shipping",
        ]
    )

    private static let finnish = Vocabulary(
        prefixes: ["Järvi", "Metsä", "Koski", "Mäki", "Kivi", "Lahti", "Niemi", "Salo", "Vuori", "Ranta", "Kallio"],
        endings: ["nen", "mäki", "koski", "vaara", "lahti", "harju", "saari"],
        families: [
            "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen",
            "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen",
        ],
        businesses: [
            "Rakennus", "Konsultointi", "Tekniikka", "Data", "Logistiikka", "Kiinteistöt", "Sähkö", "Kuljetus",
            "Suunnittelu", "Media", "Energia", "Tilitoimisto",
        ]
    )
}
