import JSONSupport

extension Statement {
    /// Binds the canonical JSON text of `value` to parameter `index` (1-based).
    ///
    /// `buffer` is scratch space the caller reuses across rows, so that a batch serializes without
    /// allocating a new array and `String` per value.
    func bind(json value: JSONValue, at index: Int32, buffer: inout [UInt8]) throws(SQLiteFailure) {
        buffer.removeAll(keepingCapacity: true)
        JSONSerializer.write(value, to: &buffer)
        try bind(utf8: buffer, at: index)
    }

    /// Binds the bytes `write` appends to the emptied `buffer` as text to parameter `index` (1-based).
    func bind(
        at index: Int32, buffer: inout [UInt8], writing write: (inout [UInt8]) -> Void
    ) throws(SQLiteFailure) {
        buffer.removeAll(keepingCapacity: true)
        write(&buffer)
        try bind(utf8: buffer, at: index)
    }
}
