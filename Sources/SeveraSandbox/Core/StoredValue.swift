import Foundation
import JSONSupport
import SandboxKit

/// Reads and writes the compact JSON bytes kept in ``PackedFields``, with fast paths for the
/// scalars that filters compare on every listed record.
enum StoredValue {
    /// The compact JSON of `value`.
    static func encode(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        JSONSerializer.write(value, to: &output)
        return output
    }

    /// The value the bytes hold (the emulator wrote them, so they always parse); scalars are read
    /// without running the parser.
    static func decode(_ bytes: ArraySlice<UInt8>) -> JSONValue? {
        guard let first = bytes.first else { return nil }
        switch first {
        case UInt8(ascii: "\""):
            if let text = string(bytes) { return .string(text) }
        case UInt8(ascii: "t") where bytes.count == 4: return .bool(true)
        case UInt8(ascii: "f") where bytes.count == 5: return .bool(false)
        case UInt8(ascii: "n") where bytes.count == 4: return .null
        case UInt8(ascii: "[") where bytes.count == 2: return .array([])
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let number = JSONNumber(literal: String(decoding: bytes, as: UTF8.self)) { return .number(number) }
        default: break
        }
        return try? JSONParser.parse(Data(bytes))
    }

    /// The string the bytes hold, without building a ``JSONValue`` when it has no escapes.
    static func string(_ bytes: ArraySlice<UInt8>) -> String? {
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else {
            return nil
        }
        let inner = bytes.dropFirst().dropLast()
        if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
        return (try? JSONParser.parse(Data(bytes)))?.stringValue
    }

    /// The integer the bytes hold, when they are a plain integer literal.
    static func int64(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        var negative = false
        var sawDigit = false
        for byte in bytes {
            if byte == UInt8(ascii: "-"), !sawDigit, !negative {
                negative = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = product + Int64(byte - UInt8(ascii: "0"))
            sawDigit = true
        }
        guard sawDigit else { return nil }
        return negative ? -value : value
    }

    /// The GUID of a reference field, stored as its 16 raw bytes.
    static func rawGUID(_ bytes: ArraySlice<UInt8>) -> UUID? {
        guard bytes.count == 16 else { return nil }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &uuid) { target in
            for (offset, byte) in bytes.enumerated() { target[offset] = byte }
        }
        return UUID(uuid: uuid)
    }

    /// Whether the bytes are the literal `true`.
    static func isTrue(_ bytes: ArraySlice<UInt8>?) -> Bool {
        guard let bytes, bytes.count == 4 else { return false }
        return bytes[bytes.startIndex] == UInt8(ascii: "t")
    }
}
