import Foundation
import SandboxKit

/// Sub-models already written while rendering one response: the same user, currency or customer
/// referenced by many listed records is looked up and written once.
struct RenderCache {
    private struct Key: Hashable {
        let target: UUID
        let model: Int
    }

    private var references: [Key: [UInt8]] = [:]

    /// The bytes of sub-model `model` of `target`, computing them with `make` on first use.
    mutating func reference(_ target: UUID, model: Int, make: () -> [UInt8]) -> [UInt8] {
        let key = Key(target: target, model: model)
        if let bytes = references[key] { return bytes }
        let bytes = make()
        references[key] = bytes
        return bytes
    }
}
