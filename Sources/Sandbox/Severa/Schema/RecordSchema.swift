/// The fields of one Severa model, in output order (sorted by name, as ``JSONSupport/JSONSerializer``
/// sorts), with the lookups input decoding and rendering need.
struct RecordSchema: Sendable {
    /// The fields sorted by name.
    let fields: [FieldSpec]
    /// `"name":` as bytes for each field, so rendering writes keys without escaping them again.
    let keyBytes: [[UInt8]]
    private let indexByLowercasedName: [String: Int]
    private let indexByName: [String: Int]

    /// Creates a schema; at most 255 fields (field indices are stored in one byte).
    init(_ specs: [FieldSpec]) {
        precondition(specs.count < 255, "a schema holds at most 254 fields")
        let sorted = specs.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        self.fields = sorted
        self.keyBytes = sorted.map { Array("\"\($0.name)\":".utf8) }
        var lowered: [String: Int] = [:]
        var exact: [String: Int] = [:]
        for (index, field) in sorted.enumerated() {
            lowered[field.name.lowercased()] = index
            exact[field.name] = index
        }
        self.indexByLowercasedName = lowered
        self.indexByName = exact
    }

    /// The index of the field called exactly `name`.
    func index(of name: String) -> Int? {
        indexByName[name]
    }

    /// The index of the field whose name equals `name` ignoring case (.NET model binding).
    func index(matching name: String) -> Int? {
        indexByName[name] ?? indexByLowercasedName[name.lowercased()]
    }
}
