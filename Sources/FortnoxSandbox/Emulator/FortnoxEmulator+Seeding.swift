import Foundation
public import JSONSupport
import SandboxKit
import Synchronization

/// Seeding: records and document actions put in as the API would, without auth or rate limit.
extension FortnoxEmulator {
    /// Stores `entity` as a POST of `resource` would, without auth or rate limit, and returns the stored
    /// entity (unwrapped, with every field). `entity` may be bare or in its wrapper.
    ///
    /// - Throws: ``FortnoxSeedError`` with the status and code the POST would have got.
    public func seed(_ resource: FortnoxResource, _ entity: JSONValue) throws(FortnoxSeedError) -> JSONValue {
        let handler = FortnoxHandlers.handler(for: resource)
        let wrapper = handler.definition.schema.wrapper
        var members = entity.objectValue
        if let only = members, only.count == 1, let inner = only[wrapper]?.objectValue { members = inner }
        guard let members else {
            let error = FortnoxError.wrongBody(expected: wrapper)
            throw FortnoxSeedError(resource: resource, status: error.status, code: error.code, message: error.message)
        }
        let context = requestContext()
        let result: Result<JSONValue, FortnoxError> = state.withLock { store in
            do throws(FortnoxError) {
                let values = try store.create(handler, members: members, context: context)
                return .success(values.schema.json(values))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let stored): return stored
        case .failure(let error):
            throw FortnoxSeedError(resource: resource, status: error.status, code: error.code, message: error.message)
        }
    }

    /// Performs `action` (`bookkeep`, `cancel`, `credit`, …) on customer invoice or supplier invoice
    /// `key` as `PUT /3/<resource>/<key>/<action>` would, without auth or rate limit (for seeding).
    ///
    /// - Returns: The entity as the action answers it (unwrapped).
    /// - Throws: ``FortnoxSeedError`` with the status and code the request would have got.
    @discardableResult
    public func seedAction(_ action: String, on resource: FortnoxResource, key: String) throws(FortnoxSeedError)
        -> JSONValue
    {
        let context = requestContext()
        let result: Result<FortnoxReply, FortnoxError> = state.withLock { store in
            do throws(FortnoxError) {
                switch resource {
                case .invoices where FortnoxStore.invoiceActions[action] != nil:
                    return .success(try store.invoiceAction(action, key: key, context: context))
                case .supplierinvoices where FortnoxStore.supplierInvoiceActions.contains(action):
                    return .success(try store.supplierInvoiceAction(action, key: key, context: context))
                default:
                    return .failure(.notFound(FortnoxErrorCode.routeNotFound, "Ingen åtgärd \(action) på \(resource)."))
                }
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let reply):
            let wrapper = FortnoxHandlers.handler(for: resource).definition.schema.wrapper
            return ((try? JSONParser.parse(Data(reply.body))) ?? .null)[wrapper] ?? .null
        case .failure(let error):
            throw FortnoxSeedError(resource: resource, status: error.status, code: error.code, message: error.message)
        }
    }
}
