public import Foundation
public import JSONSupport

/// Parsing of operator-written JSON files into ``JSONValue``, with errors that name the file, line and
/// column instead of a byte offset.
///
/// A key written twice in one object is an error naming the key and both lines: in a file a person
/// edits, the second value silently winning hides a mistake (the first one is usually the one read).
public enum JSONDocument {
    /// Parses `data`, the contents of `file`.
    ///
    /// - Parameters:
    ///   - data: The file's bytes.
    ///   - file: The file name shown in errors.
    ///   - showsReason: Whether the parser's reason may be shown. Pass `false` for files holding
    ///     secrets: a reason can quote a character of the text.
    /// - Returns: The top-level value.
    /// - Throws: ``JSONDocumentError`` with the line and column of the problem.
    public static func parse(_ data: Data, file: String, showsReason: Bool = true) throws(JSONDocumentError)
        -> JSONValue
    {
        do {
            return try JSONParser.parse(data, options: .rejectsDuplicateKeys)
        } catch {
            let (line, column) = lineAndColumn(ofByteOffset: error.offset, in: data)
            let problem: String
            if let duplicate = error.duplicateKey {
                // A key name is no secret (the secrets file's unknown keys are named too).
                let first = lineAndColumn(ofByteOffset: duplicate.firstOffset, in: data).line
                problem = "duplicate key \"\(duplicate.keyPath)\" (first on line \(first)); keep one of the two"
            } else {
                problem = showsReason ? "not valid JSON: \(error.reason)" : "not valid JSON"
            }
            throw JSONDocumentError(file: file, line: line, column: column, problem: problem)
        }
    }

    /// The 1-based line and column (counted in characters) of a byte offset.
    ///
    /// - Parameters:
    ///   - offset: A byte offset, as in ``JSONParseError/offset``.
    ///   - data: The text.
    /// - Returns: Line and column; an offset past the end points just after the last character.
    public static func lineAndColumn(ofByteOffset offset: Int, in data: Data) -> (line: Int, column: Int) {
        let prefix = data.prefix(max(0, offset))
        var line = 1
        var lineStart = prefix.startIndex
        for index in prefix.indices where prefix[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = prefix.index(after: index)
        }
        let column = String(decoding: prefix[lineStart...], as: UTF8.self).count + 1
        return (line, column)
    }
}
