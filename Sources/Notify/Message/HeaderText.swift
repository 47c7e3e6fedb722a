import Foundation

/// Header values as RFC 5322 and RFC 2047 want them: ASCII only, folded so that no line is longer
/// than 78 characters, with non-ASCII text as `=?utf-8?B?…?=` encoded words.
enum HeaderText {
    /// The longest line we write (RFC 5322 §2.1.1 "SHOULD be no more than 78 characters").
    static let lineLimit = 78
    /// Bytes of UTF-8 per encoded word: 42 bytes are 56 base64 characters, so a word is 68 characters
    /// and `Subject: ` plus one word still fits the 78-character line.
    static let bytesPerEncodedWord = 42

    /// The unstructured value `text` (a subject) as words ready for ``fold(name:words:)``: plain ASCII
    /// words as they are, otherwise a run of encoded words.
    static func unstructuredWords(_ text: String) -> [String] {
        let flattened = text.map { $0.isNewline ? " " : $0 }.reduce(into: "") { $0.append($1) }
        if isPlainASCII(flattened) {
            return flattened.split(separator: " ").map(String.init)
        }
        return encodedWords(flattened)
    }

    /// A display name as a phrase: ASCII atoms as they are, ASCII with specials quoted, anything
    /// else as encoded words.
    static func phraseWords(_ name: String) -> [String] {
        guard isPlainASCII(name) else { return encodedWords(name) }
        let specials = Set("()<>[]:;@\\,.\"")
        if name.contains(where: { specials.contains($0) }) { return ["\"" + name + "\""] }
        return name.split(separator: " ").map(String.init)
    }

    /// `text` as RFC 2047 "B" encoded words of whole characters, each at most 75 characters long.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append("=?utf-8?B?" + Data(chunk).base64EncodedString() + "?=")
            chunk.removeAll()
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > bytesPerEncodedWord { flush() }
            if bytes.count <= bytesPerEncodedWord {
                chunk += bytes
                continue
            }
            // A single character longer than a word (a long emoji sequence): split between its scalars.
            for scalar in character.unicodeScalars {
                let scalarBytes = Array(String(scalar).utf8)
                if chunk.count + scalarBytes.count > bytesPerEncodedWord { flush() }
                chunk += scalarBytes
            }
        }
        flush()
        return words
    }

    /// `Name: word word …` folded with CRLF + space so that lines stay within ``lineLimit`` where the
    /// words allow it (a longer word gets a line of its own), without the final CRLF.
    static func fold(name: String, words: [String]) -> String {
        var lines: [String] = []
        var line = name + ":"
        var lineHasWord = false
        for word in words {
            if lineHasWord && line.count + 1 + word.count > lineLimit {
                lines.append(line)
                line = " " + word
            } else {
                line += " " + word
            }
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// Whether `text` is printable ASCII that cannot be mistaken for an encoded word.
    static func isPlainASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !text.contains("=?")
    }
}
