package import JSONSupport

/// Reads one JSON object of an operator-written file strictly: unknown keys are refused up front
/// (with a "did you mean" hint), and every error names the file, the key path and what was expected
/// versus found.
///
/// A member that is absent or `null` counts as not given, so optional keys take their default.
package struct JSONObjectReader: Sendable {
    /// The file shown in errors.
    package let file: String
    /// Where this object is in the document.
    package let path: JSONKeyPath
    /// The object's members.
    package let members: [String: JSONValue]

    /// Starts reading `value`, which must be an object whose keys are all in `allowedKeys`.
    ///
    /// - Parameters:
    ///   - value: The value at `path`.
    ///   - file: The file shown in errors.
    ///   - path: Where `value` is in the document.
    ///   - allowedKeys: Every key the object may have.
    /// - Throws: ``JSONDocumentError`` when `value` is not an object or has a key not in `allowedKeys`.
    package init(_ value: JSONValue, file: String, path: JSONKeyPath = .root, allowedKeys: [String])
        throws(JSONDocumentError)
    {
        guard case .object(let members) = value else {
            throw JSONDocumentError(
                file: file,
                keyPath: path.description,
                problem: "expected an object, found \(value.foundDescription)"
            )
        }
        self.file = file
        self.path = path
        self.members = members
        for key in members.keys.sorted() where !allowedKeys.contains(key) {
            var problem = "unknown key \"\(key)\""
            if let suggestion = NameSuggestion.closest(to: key, among: allowedKeys) {
                problem += "; did you mean \"\(suggestion)\"?"
            } else {
                problem += "; expected one of: " + allowedKeys.sorted().joined(separator: ", ")
            }
            throw error(key, problem)
        }
    }

    /// An error about the member `key` (or about this object when `key` is `nil`).
    package func error(_ key: String?, _ problem: String) -> JSONDocumentError {
        let location = key.map { path.appending($0) } ?? path
        return JSONDocumentError(file: file, keyPath: location.description, problem: problem)
    }

    /// An error saying the member `key` should be `expectation` but is `found`.
    package func mismatch(_ key: String, expected expectation: String, found: JSONValue) -> JSONDocumentError {
        error(key, "expected \(expectation), found \(found.foundDescription)")
    }

    /// The member `key`, or `nil` when it is absent or `null`.
    package func value(_ key: String) -> JSONValue? {
        guard let value = members[key], !value.isNull else { return nil }
        return value
    }

    /// The non-empty string at `key`.
    ///
    /// - Throws: ``JSONDocumentError`` when it is missing, empty or not a string.
    package func string(_ key: String, expected expectation: String = "a non-empty string")
        throws(JSONDocumentError) -> String
    {
        guard let text = try optionalString(key, expected: expectation) else {
            throw error(key, "missing; expected \(expectation)")
        }
        return text
    }

    /// The non-empty string at `key`, or `nil` when absent or `null`.
    ///
    /// - Throws: ``JSONDocumentError`` when it is empty or not a string.
    package func optionalString(_ key: String, expected expectation: String = "a non-empty string")
        throws(JSONDocumentError) -> String?
    {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue, !text.trimmingWhitespace.isEmpty else {
            throw mismatch(key, expected: expectation, found: value)
        }
        return text
    }

    /// The boolean at `key`, or `defaultValue` when absent or `null`.
    ///
    /// - Throws: ``JSONDocumentError`` when it is not a boolean.
    package func bool(_ key: String, default defaultValue: Bool) throws(JSONDocumentError) -> Bool {
        guard let value = value(key) else { return defaultValue }
        guard let flag = value.boolValue else { throw mismatch(key, expected: "true or false", found: value) }
        return flag
    }

    /// The positive integer at `key`, or `defaultValue` when absent or `null`.
    ///
    /// - Throws: ``JSONDocumentError`` when it is not a whole number from 1 to `maximum`.
    package func positiveInteger(_ key: String, default defaultValue: Int, maximum: Int = 1_000_000)
        throws(JSONDocumentError) -> Int
    {
        guard let value = value(key) else { return defaultValue }
        guard let number = value.numberValue?.int64, number >= 1, number <= maximum else {
            throw mismatch(key, expected: "a positive integer (at most \(maximum))", found: value)
        }
        return Int(number)
    }

    /// The one of `choices` at `key`, or `defaultValue` when absent or `null`.
    ///
    /// - Throws: ``JSONDocumentError`` when it is not one of the choices.
    package func choice<Choice: RawRepresentable>(_ key: String, default defaultValue: Choice) throws(JSONDocumentError)
        -> Choice where Choice.RawValue == String, Choice: CaseIterable
    {
        guard let value = value(key) else { return defaultValue }
        return try JSONObjectReader.choice(value, as: Choice.self) { (expectation: String) in
            mismatch(key, expected: expectation, found: value)
        }
    }

    /// `value` as one of `Choice`'s raw values.
    ///
    /// - Throws: The error `mismatch` makes from the expectation ("one of "a", "b"").
    package static func choice<Choice: RawRepresentable>(
        _ value: JSONValue, as type: Choice.Type, mismatch: (String) -> JSONDocumentError
    ) throws(JSONDocumentError) -> Choice where Choice.RawValue == String, Choice: CaseIterable {
        if let text = value.stringValue, let choice = Choice(rawValue: text) { return choice }
        let names = Choice.allCases.map { "\"\($0.rawValue)\"" }
        throw mismatch("one of " + names.joined(separator: ", "))
    }

    /// The object at `key` as a reader, or `nil` when absent or `null`.
    ///
    /// - Throws: ``JSONDocumentError`` when it is not an object or has a key not in `allowedKeys`.
    package func object(_ key: String, allowedKeys: [String]) throws(JSONDocumentError) -> JSONObjectReader? {
        guard let value = value(key) else { return nil }
        return try JSONObjectReader(value, file: file, path: path.appending(key), allowedKeys: allowedKeys)
    }

    /// The array of non-empty strings at `key`, or `nil` when absent or `null`.
    ///
    /// - Throws: ``JSONDocumentError`` naming the element that is not a non-empty string.
    package func stringArray(_ key: String) throws(JSONDocumentError) -> [String]? {
        guard let value = value(key) else { return nil }
        guard let elements = value.arrayValue else {
            throw mismatch(key, expected: "an array of strings", found: value)
        }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            guard let text = element.stringValue, !text.trimmingWhitespace.isEmpty else {
                throw JSONDocumentError(
                    file: file,
                    keyPath: path.appending(key).appending(index: index).description,
                    problem: "expected a non-empty string, found \(element.foundDescription)"
                )
            }
            strings.append(text)
        }
        return strings
    }
}

extension JSONValue {
    /// The value as an error message shows it: strings quoted (long ones shortened), numbers and
    /// literals as written, arrays and objects by kind.
    package var foundDescription: String {
        switch self {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return number.literal
        case .string(let text) where text.count > 40:
            return JSONSerializer.string(.string(String(text.prefix(30)) + "…")) + " (\(text.count) characters)"
        case .string: return JSONSerializer.string(self)
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    package var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<max(start, end)]
    }
}
