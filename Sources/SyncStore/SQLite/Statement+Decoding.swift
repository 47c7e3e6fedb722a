import Foundation
import JSONSupport

extension Statement {
    /// The text in column `index`, which the schema declares NOT NULL.
    func requiredString(at index: Int32, column: String) throws(SQLiteFailure) -> String {
        guard let value = string(at: index) else { throw unreadable(column, "is NULL") }
        return value
    }

    /// The integer in column `index`, which the schema declares NOT NULL.
    func requiredInt64(at index: Int32, column: String) throws(SQLiteFailure) -> Int64 {
        guard let value = int64(at: index) else { throw unreadable(column, "is NULL") }
        return value
    }

    /// The time stored in column `index` as epoch milliseconds, or `nil` when NULL.
    func date(at index: Int32) -> Date? {
        int64(at: index).map(Date.init(epochMilliseconds:))
    }

    /// The time stored in column `index`, which the schema declares NOT NULL.
    func requiredDate(at index: Int32, column: String) throws(SQLiteFailure) -> Date {
        Date(epochMilliseconds: try requiredInt64(at: index, column: column))
    }

    /// The enum case whose raw value column `index` holds, or `nil` when NULL.
    func value<Value: RawRepresentable<String>>(
        _ type: Value.Type, at index: Int32, column: String
    ) throws(SQLiteFailure) -> Value? {
        guard let text = string(at: index) else { return nil }
        // The unknown value is not quoted: error messages never carry stored data.
        guard let value = Value(rawValue: text) else { throw unreadable(column, "holds an unknown value") }
        return value
    }

    /// The enum case whose raw value column `index` holds; the column is NOT NULL.
    func requiredValue<Value: RawRepresentable<String>>(
        _ type: Value.Type, at index: Int32, column: String
    ) throws(SQLiteFailure) -> Value {
        guard let value = try value(type, at: index, column: column) else { throw unreadable(column, "is NULL") }
        return value
    }

    /// The JSON document stored as text in column `index`.
    func json(at index: Int32, column: String) throws(SQLiteFailure) -> JSONValue {
        let text = try requiredString(at: index, column: column)
        do throws(JSONParseError) {
            return try JSONParser.parse(text)
        } catch {
            // Only the offset: the parser's reason may quote a character of the stored value.
            throw unreadable(column, "holds invalid JSON (at byte \(error.offset))")
        }
    }

    /// The failure for a stored value that cannot be decoded; names the column, never the value.
    func unreadable(_ column: String, _ problem: String) -> SQLiteFailure {
        SQLiteFailure(cause: .unreadableRow, detail: "column \(column) of a stored row \(problem)")
    }
}
