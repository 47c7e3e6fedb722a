import Foundation
public import JSONSupport
import SandboxKit
import Synchronization

extension SeveraEmulator {
    /// Adds a record as if it had been POSTed, without authentication or rate limit: the same
    /// validation and defaults as the API, plus what only seeds may set (an explicit `guid`, invoice
    /// numbers and statuses, invoice rows and attachments).
    ///
    /// - Parameters:
    ///   - resource: What to create.
    ///   - model: The API's JSON model (camelCase; references as `{"guid"}`).
    /// - Returns: The stored model as `GET` would return it.
    /// - Throws: ``SeveraSeedError`` naming the field and the reason the API would give; nothing is stored.
    @discardableResult
    public func seed(_ resource: SeveraResource, _ model: JSONValue) throws(SeveraSeedError) -> JSONValue {
        try seedRecord(resource, model, render: true) ?? .null
    }

    /// Seeds like ``seed(_:_:)`` but returns nothing: for bulk loads (the sample data generator), where
    /// rendering every stored model would cost as much as storing it.
    ///
    /// - Throws: ``SeveraSeedError`` naming the field and the reason the API would give; nothing is stored.
    public func seedQuietly(_ resource: SeveraResource, _ model: JSONValue) throws(SeveraSeedError) {
        _ = try seedRecord(resource, model, render: false)
    }

    private func seedRecord(_ resource: SeveraResource, _ model: JSONValue, render: Bool)
        throws(SeveraSeedError) -> JSONValue?
    {
        let now = self.now
        return try state.withLock { store throws(SeveraSeedError) -> JSONValue? in
            do throws(SeveraAPIError) {
                let guid = try Self.explicitGUID(model, kind: resource.kind, store: store)
                if resource == .invoicefiles { return try Self.seedInvoiceFile(&store, model, guid: guid, now: now) }
                let draft = try store.draftForCreate(resource.kind, body: model, mode: .seed, now: now, guid: guid)
                let position = store.commit(draft)
                return render ? store.renderValue(resource.kind, store[resource.kind].records[position]) : nil
            } catch {
                throw SeveraSeedError(resource: resource.rawValue, field: error.location?.name, reason: error.message)
            }
        }
    }

    /// Adds an address to customer `customerGuid`, as `POST /v1/customers/{guid}/addresses` would.
    ///
    /// - Returns: The stored `AddressModel`.
    /// - Throws: ``SeveraSeedError`` for an unknown customer or an invalid model; nothing is stored.
    @discardableResult
    public func seedAddress(customerGuid: String, _ model: JSONValue) throws(SeveraSeedError) -> JSONValue {
        try seedAddressRecord(customerGuid: customerGuid, model, render: true) ?? .null
    }

    /// Seeds like ``seedAddress(customerGuid:_:)`` but returns nothing (bulk loads).
    ///
    /// - Throws: ``SeveraSeedError`` for an unknown customer or an invalid model; nothing is stored.
    public func seedAddressQuietly(customerGuid: String, _ model: JSONValue) throws(SeveraSeedError) {
        _ = try seedAddressRecord(customerGuid: customerGuid, model, render: false)
    }

    private func seedAddressRecord(customerGuid: String, _ model: JSONValue, render: Bool)
        throws(SeveraSeedError) -> JSONValue?
    {
        let now = self.now
        return try state.withLock { store throws(SeveraSeedError) -> JSONValue? in
            do throws(SeveraAPIError) {
                guard let customer = SeveraGUID.parse(customerGuid), store.record(.customers, customer) != nil else {
                    throw .invalidParameter("Customer with guid '\(customerGuid)' was not found.", name: "customerGuid")
                }
                let guid = try Self.explicitGUID(model, kind: .addresses, store: store)
                let draft = try store.draftForCreate(
                    .addresses, body: model, mode: .seed, now: now, owner: customer, guid: guid)
                let position = store.commit(draft)
                return render ? store.renderValue(.addresses, store[.addresses].records[position]) : nil
            } catch {
                throw SeveraSeedError(resource: "addresses", field: error.location?.name, reason: error.message)
            }
        }
    }

    /// The `guid` a seed asks for: a GUID not yet used by a record of `kind`.
    private static func explicitGUID(_ model: JSONValue, kind: SeveraKind, store: SeveraStore)
        throws(SeveraAPIError) -> UUID?
    {
        guard let value = model.member(caseInsensitive: "guid"), !value.isNull else { return nil }
        guard let text = value.stringValue, let guid = SeveraGUID.parse(text) else {
            throw .invalidParameter("guid must be a GUID.", name: "guid")
        }
        if store[kind].contains(guid) {
            throw .invalidParameter(
                "A \(kind.displayName.lowercased()) with guid '\(text)' already exists.", name: "guid")
        }
        return guid
    }

    /// Stores the file and its `InvoiceFileModel`.
    private static func seedInvoiceFile(_ store: inout SeveraStore, _ model: JSONValue, guid: UUID?, now: Int64)
        throws(SeveraAPIError) -> JSONValue
    {
        guard let text = model.member(caseInsensitive: "data")?.stringValue, let contents = Data(base64Encoded: text)
        else {
            throw .invalidParameter("data is required and must be base64.", name: "data")
        }
        var fileModel: [String: JSONValue] = ["category": "Invoice"]
        for key in ["name", "contentType", "description", "isInternal"] {
            if let value = model.member(caseInsensitive: key) { fileModel[key] = value }
        }
        var attachment = try store.draftForCreate(.invoiceFiles, body: model, mode: .seed, now: now, guid: guid)
        // Derived from the attachment's guid (not random), so seeding the same data twice gives the same state.
        let fileGUID = SeveraReferenceData.stableGUID("file:" + SeveraGUID.string(attachment.guid))
        let file = try store.draftForCreate(.files, body: .object(fileModel), mode: .seed, now: now, guid: fileGUID)
        attachment.set("fileGuid", .string(SeveraGUID.string(file.guid)))
        store.commit(file)
        store.fileContents[file.guid] = contents
        let position = store.commit(attachment)
        return store.renderValue(.invoiceFiles, store[.invoiceFiles].records[position])
    }
}
