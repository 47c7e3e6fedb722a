import HTTPSupport
public import SyncCore

extension SeveraConnector {
    /// Creates a project fee on the project numbered `fee.projectNumber` (R5).
    ///
    /// The product is the Severa product (`/v1/products`; fees take no work or travel expense types)
    /// with code `fee.productCode`, or with ``Options/defaultFeeProductCode`` when the fee names none
    /// (R5.3). The fee's amounts are net and it names no VAT rate, so Severa applies the product's when the
    /// fee is invoiced (R5.2); its description carries `brygga-source: <reference>`,
    /// which ``findProjectFee(sourceReference:projectNumber:)`` looks for (R5.4).
    ///
    /// - Throws: ``ConnectorError``: `notFound` for an unknown project; `invalidRecord` when there is no
    ///   product to use; `outcomeUnknown` when the answer was lost (look the fee up first).
    public func createProjectFee(_ fee: ProjectFee) async throws(ConnectorError) -> RemoteRecord<ProjectFee> {
        let operation = "POST /v1/projectfees"
        guard let projectGUID = try await ProjectEndpoint.guid(ofProjectNumber: fee.projectNumber, context: context)
        else {
            throw ConnectorError(
                kind: .notFound, system: systemName, operation: operation,
                message: "project \(fee.projectNumber) does not exist in Severa, so fee \(fee.sourceReference) "
                    + "cannot be booked to it (R5.1)")
        }
        let productGUID = try await feeProduct(for: fee, operation: operation)
        let reply = try await context.api.send(
            .post, "/v1/projectfees",
            body: ProjectFeeMapping.createBody(fee, projectGUID: projectGUID, productGUID: productGUID), area: .fees)
        guard let created = try remoteFee(try ListPager.record(of: reply, api: context.api), reply: reply, fee: fee)
        else {
            throw context.api.malformed(
                reply.operation, "the created fee's description does not carry the source reference it was sent")
        }
        return created
    }

    /// The fee created earlier from source row `sourceReference` on project `projectNumber`, or `nil`
    /// (R5.4): the project's fees are read and the one whose description carries the reference is returned.
    public func findProjectFee(sourceReference: String, projectNumber: String) async throws(ConnectorError)
        -> RemoteRecord<ProjectFee>?
    {
        guard let projectGUID = try await ProjectEndpoint.guid(ofProjectNumber: projectNumber, context: context)
        else { return nil }
        var pager = ListPager(
            path: "/v1/projects/\(SeveraAPI.segment(projectGUID))/projectfees", style: .token, area: .fees)
        while !pager.isFinished {
            for object in try await pager.next(using: context.api)
            where ProjectFeeMapping.sourceReference(inDescription: try? object.optionalString("description"))
                == sourceReference
            {
                do {
                    guard let found = try ProjectFeeMapping.fee(object, projectNumber: projectNumber) else { continue }
                    return RemoteRecord(id: try object.guid(), record: found, version: try object.stamp().text)
                } catch {
                    throw context.unreadable(
                        "GET /v1/projects/\(projectGUID)/projectfees", error, record: "fee \(sourceReference)")
                }
            }
        }
        return nil
    }

    /// The guid of the product a fee is booked with (R5.3).
    private func feeProduct(for fee: ProjectFee, operation: String) async throws(ConnectorError) -> String {
        let isDefault = fee.productCode?.isEmpty ?? true
        guard let code = isDefault ? options.defaultFeeProductCode : fee.productCode, !code.isEmpty else {
            throw context.invalid(
                operation, "fee \(fee.sourceReference) names no product and no default product is configured (R5.3)")
        }
        let reply = try await context.api.send(
            .get, "/v1/products", query: [QueryItem("code", code), QueryItem("rowCount", "100")], area: .settings)
        let matches = try ListPager.records(of: reply, api: context.api).filter {
            (try? $0.optionalString("code")) == code
        }
        guard matches.count == 1, let guid = try? matches[0].guid() else {
            let which = isDefault ? "the default product \(code)" : "product \(code)"
            throw context.invalid(
                operation,
                "fee \(fee.sourceReference): \(which) "
                    + (matches.isEmpty
                        ? "does not exist among Severa products (fees take products, not work or travel expense types)"
                        : "is used by \(matches.count) Severa products") + " (R5.3)")
        }
        return guid
    }

    private func remoteFee(_ object: WireObject, reply: SeveraReply, fee: ProjectFee) throws(ConnectorError)
        -> RemoteRecord<ProjectFee>?
    {
        do {
            guard let read = try ProjectFeeMapping.fee(object, projectNumber: fee.projectNumber) else { return nil }
            return RemoteRecord(id: try object.guid(), record: read, version: try object.stamp().text)
        } catch {
            throw context.unreadable(reply.operation, error, record: "fee \(fee.sourceReference)")
        }
    }
}
