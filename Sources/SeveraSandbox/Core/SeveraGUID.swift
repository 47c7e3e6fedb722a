import Foundation
import SandboxKit

/// Severa identifiers: GUIDs written lowercase with hyphens (`3f2504e0-4f89-11d3-9a0c-0305e82c3301`).
///
/// Records keep their id as a 16-byte `UUID` (no heap string per record); the text form is produced
/// when a response is written.
enum SeveraGUID {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Parses a GUID in either case, with hyphens; `nil` for anything else.
    static func parse(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { parse(bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Parses the 36 bytes of a GUID.
    static func parse(bytes: UnsafeRawBufferPointer) -> UUID? {
        guard bytes.count == 36 else { return nil }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let valid = withUnsafeMutableBytes(of: &uuid) { raw -> Bool in
            var index = 0
            var out = 0
            while index < 36 {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard bytes[index] == UInt8(ascii: "-") else { return false }
                    index += 1
                    continue
                }
                guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return false }
                raw[out] = high << 4 | low
                out += 1
                index += 2
            }
            return true
        }
        return valid ? UUID(uuid: uuid) : nil
    }

    /// The lowercase text form of `id`.
    static func string(_ id: UUID) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(36)
        write(id, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the lowercase text form of `id` (without quotes).
    static func write(_ id: UUID, to output: inout [UInt8]) {
        withUnsafeBytes(of: id.uuid) { raw in
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { output.append(UInt8(ascii: "-")) }
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
    }

    /// A new random GUID.
    static func make() -> UUID { UUID() }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
