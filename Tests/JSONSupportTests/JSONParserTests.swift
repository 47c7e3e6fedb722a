import Foundation
import JSONSupport
import Testing

@Suite struct JSONParserTests {
    @Test func numbersKeepTheirLiteralDigits() throws {
        let value = try JSONParser.parse(
            #"{"a":19.99,"b":0.30000000000000004,"c":12345678901234567890.123456789,"d":-0,"e":1E-7}"#)
        #expect(value["a"]?.numberValue?.literal == "19.99")
        #expect(value["b"]?.numberValue?.literal == "0.30000000000000004")
        #expect(value["c"]?.numberValue?.decimal == Decimal(string: "12345678901234567890.123456789"))
        #expect(value["d"]?.numberValue?.literal == "-0")
        #expect(value["e"]?.numberValue?.literal == "1E-7")
    }

    @Test func stringsDecodeEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#"["a\"b\\c\/d\n\t", "\u00e5\u00C4", "\ud83d\ude00", "förp"]"#)
        #expect(value == .array(["a\"b\\c/d\n\t", "åÄ", "😀", "förp"]))
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        ("{", "expected a string as object key"),
        ("[1,]", "expected a value"),
        ("{\"a\":1,}", "expected a string as object key"),
        ("01", "leading zero"),
        ("1.", "expected a digit after the decimal point"),
        ("+1", "expected a value"),
        ("\"a\nb\"", "control character"),
        ("\"\\ud800\"", "unpaired high surrogate"),
        ("\"\\x\"", "invalid escape"),
        ("tru", "literal"),
        ("{} x", "unexpected text after the JSON value"),
        ("// comment\n{}", "expected a value"),
    ])
    func malformedDocumentsAreRejectedWithAReason(text: String, reason: String) {
        #expect {
            _ = try JSONParser.parse(text)
        } throws: { error in
            (error as? JSONParseError)?.reason.contains(reason) == true
        }
    }

    @Test func invalidUTF8IsRejected() {
        let bytes = Data([0x22, 0xC3, 0x28, 0x22])
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
    }

    @Test func nestingBeyondTheLimitIsRejected() {
        let deep =
            String(repeating: "[", count: JSONParser.maximumDepth + 1)
            + String(repeating: "]", count: JSONParser.maximumDepth + 1)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let allowed =
            String(repeating: "[", count: JSONParser.maximumDepth)
            + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(throws: Never.self) { try JSONParser.parse(allowed) }
    }

    @Test func duplicateKeysKeepTheLastValue() throws {
        #expect(try JSONParser.parse(#"{"a":1,"a":2}"#)["a"] == 2)
    }

    @Test func caseInsensitiveMemberLookupFindsFortnoxErrorKeys() throws {
        let value = try JSONParser.parse(
            #"{"ErrorInformation":{"Error":1,"Message":"Kan inte hitta kunden.","Code":2000433}}"#)
        #expect(value["ErrorInformation"]?.member(caseInsensitive: "code")?.numberValue?.int64 == 2_000_433)
    }
}

@Suite struct JSONSerializerTests {
    @Test func keysAreSortedAndOutputIsByteStable() {
        let value: JSONValue = ["b": 1, "a": ["z": true, "y": nil], "å": "x/y"]
        #expect(JSONSerializer.string(value) == #"{"a":{"y":null,"z":true},"b":1,"å":"x/y"}"#)
    }

    @Test func controlCharactersAreEscaped() {
        #expect(JSONSerializer.string(.string("a\u{01}\"\\\n")) == #""a\u0001\"\\\n""#)
    }

    @Test func serializationRoundTrips() throws {
        let text = #"{"a":[1,2.50,-3e2,"ö😀",null,false],"b":{"c":""}}"#
        let value = try JSONParser.parse(text)
        #expect(try JSONParser.parse(JSONSerializer.data(value)) == value)
        #expect(JSONSerializer.string(value) == text)
    }
}

@Suite struct JSONNumberTests {
    @Test(arguments: ["0", "-0", "12", "1.5", "-1.5e10", "1E+2"])
    func validLiteralsAreAccepted(literal: String) {
        #expect(JSONNumber(literal: literal) != nil)
    }

    @Test(arguments: ["", "-", "01", "1.", ".5", "1e", "+1", "1,5", "NaN", "0x10"])
    func invalidLiteralsAreRefused(literal: String) {
        #expect(JSONNumber(literal: literal) == nil)
    }
}

@Suite struct JSONParserDuplicateKeyTests {
    @Test func aRepeatedKeyIsAnErrorNamingItsPathAndBothOffsets() throws {
        let text = #"{"a": [{"b": 1}, {"c": {"d": 1, "d": 2}}]}"#
        let error = try #require(throws: JSONParseError.self) {
            try JSONParser.parse(text, options: .rejectsDuplicateKeys)
        }
        let duplicate = try #require(error.duplicateKey)
        #expect(duplicate.keyPath == "a[1].c.d")
        #expect(duplicate.firstOffset == Array(text.utf8).firstIndex(of: UInt8(ascii: "d")).map { $0 - 1 })
        #expect(error.offset == text.utf8.count - #""d": 2}}]}"#.utf8.count)
        #expect(error.reason.contains("duplicate key \"a[1].c.d\""))
    }

    @Test func equalKeysInDifferentObjectsAreNoDuplicate() throws {
        let value = try JSONParser.parse(
            #"{"a": {"x": 1}, "b": {"x": 2}, "c": [{"x": 3}, {"x": 4}]}"#, options: .rejectsDuplicateKeys)
        #expect(value["b"]?["x"]?.numberValue?.literal == "2")
    }
}
