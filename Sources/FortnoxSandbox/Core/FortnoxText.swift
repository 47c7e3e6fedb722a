import HTTPSupport
import JSONSupport
import SandboxKit

/// Small text helpers on the hot path, avoiding Foundation's bridging `trimmingCharacters`.
enum FortnoxText {
    /// `text` without leading and trailing ASCII spaces and tabs.
    static func trimmed(_ text: String) -> Substring {
        let isBlank = { (character: Character) in character == " " || character == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }) else { return text[text.endIndex...] }
        guard let last = text.lastIndex(where: { !isBlank($0) }) else { return text[first...] }
        return text[first...last]
    }

    /// Whether `text` is empty or only ASCII spaces and tabs.
    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// The first header named `name` (lower-case ASCII), compared without regard to ASCII case and
    /// without allocating lower-cased copies.
    static func header(_ headers: HTTPHeaders, _ name: StaticString) -> String? {
        let wanted = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        for field in headers.fields where field.name.utf8.count == wanted.count {
            if field.name.utf8.elementsEqual(wanted, by: { $0 | 0x20 == $1 }) { return field.value }
        }
        return nil
    }

    /// Whether `text` contains the ASCII `needle`, ignoring ASCII case.
    static func contains(_ text: String, asciiCaseInsensitive needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        let bytes = Array(text.utf8)
        guard bytes.count >= pattern.count else { return false }
        for start in 0...(bytes.count - pattern.count) {
            var matches = true
            for offset in 0..<pattern.count where bytes[start + offset] | 0x20 != pattern[offset] | 0x20 {
                matches = false
                break
            }
            if matches { return true }
        }
        return false
    }

    /// Appends `value` as ``JSONSerializer`` would, with a fast path for strings that need no escaping.
    static func appendJSON(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: nullBytes)
        case .bool(let flag): output.append(contentsOf: flag ? trueBytes : falseBytes)
        case .number(let number): output.append(contentsOf: number.literal.utf8)
        case .string(let text):
            let appended: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
                guard bytes.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) else {
                    return false
                }
                output.append(UInt8(ascii: "\""))
                output.append(contentsOf: bytes)
                output.append(UInt8(ascii: "\""))
                return true
            }
            if appended != true { JSONSerializer.write(value, to: &output) }
        case .array, .object: JSONSerializer.write(value, to: &output)
        }
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
}
