/// The location of a value inside a JSON document, written the way an operator reads it:
/// `fortnox.rateLimit.requests`, `units.h.aliases[2]`, `units["st."]`.
package struct JSONKeyPath: Sendable, Hashable, CustomStringConvertible {
    /// One step into a document.
    package enum Component: Sendable, Hashable {
        /// A member of an object.
        case key(String)
        /// An element of an array (0-based).
        case index(Int)
    }

    /// The steps from the top of the document.
    package var components: [Component]

    /// The whole document.
    package static let root = JSONKeyPath(components: [])

    /// Creates a path from its steps.
    package init(components: [Component]) {
        self.components = components
    }

    /// Creates a path of object keys, e.g. `JSONKeyPath("fortnox", "rateLimit")`.
    package init(_ keys: String...) {
        self.components = keys.map(Component.key)
    }

    /// This path followed by the member `key`.
    package func appending(_ key: String) -> JSONKeyPath {
        JSONKeyPath(components: components + [.key(key)])
    }

    /// This path followed by the array element at `index`.
    package func appending(index: Int) -> JSONKeyPath {
        JSONKeyPath(components: components + [.index(index)])
    }

    package var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key) where JSONKeyPath.isPlain(key):
                text += text.isEmpty ? key : ".\(key)"
            case .key(let key):
                text += "[\"\(key)\"]"
            case .index(let index):
                text += "[\(index)]"
            }
        }
        return text
    }

    /// Whether `key` can be written after a dot without confusion.
    private static func isPlain(_ key: String) -> Bool {
        !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }
}
