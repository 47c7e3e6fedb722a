import JSONSupport
import SyncCore

extension Money {
    /// The amount as a JSON number written with exactly the currency's decimals, e.g. `950.50`.
    var wireNumber: JSONValue {
        .number(JSONNumber(literal: decimalText) ?? JSONNumber(decimal))
    }
}
