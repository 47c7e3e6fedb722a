import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Synchronization

/// The API under `/3/` and `/api/`: Bearer auth, the rate limit, scopes, then the endpoint.
extension FortnoxEmulator {
    func apiReply(to request: ServerRequest) -> FortnoxReply {
        guard let token = FortnoxEmulator.bearerToken(FortnoxText.header(request.headers, "authorization")),
            case .valid(let grant) = tokens.checkAccessToken(token)
        else {
            // Missing, unknown and expired tokens all get this body, not ErrorInformation [rec].
            return .json(401, ["message": "unauthorized"])
        }
        if let wait = limiter.admit(key: token) {
            // INVENTED: the 429 body and Retry-After are UNVERIFIED [reference §3].
            var reply = FortnoxReply.json(429, ["message": "Too Many Requests"])
            reply.headers = [(name: "Retry-After", value: String(max(1, Int(wait.rounded(.up)))))]
            return reply
        }
        let endpoint: FortnoxEndpoint
        do {
            endpoint = try FortnoxEndpoint(request)
        } catch {
            return .error(error)
        }
        guard grant.scopes.contains(endpoint.scope) else {
            return .error(
                FortnoxError(
                    status: 403, code: FortnoxErrorCode.missingScope,
                    message: "Har inte behörighet för scope (\(endpoint.scope))."
                )
            )
        }
        return perform(endpoint, request)
    }

    private static func bearerToken(_ header: String?) -> String? {
        guard let header, header.utf8.count > 7,
            header.utf8.prefix(7).elementsEqual(
                "bearer ".utf8,
                by: {
                    $0 | 0x20 == $1 | 0x20
                })
        else { return nil }
        return String(FortnoxText.trimmed(String(header.dropFirst(7))))
    }

    private func perform(_ endpoint: FortnoxEndpoint, _ request: ServerRequest) -> FortnoxReply {
        let context = requestContext()
        switch endpoint {
        case .list(let resource):
            let handler = FortnoxHandlers.handler(for: resource)
            do {
                let query = try ListQuery(request.query, options: handler.definition.listOptions, time: localTime)
                return state.withLock { $0.list(handler, query: query, context: context) }
            } catch {
                return .error(error)
            }
        case .create(let resource):
            let handler = FortnoxHandlers.handler(for: resource)
            return withEntity(request, wrapper: handler.definition.schema.wrapper) {
                store, members throws(FortnoxError) in
                .entity(201, try store.create(handler, members: members, context: context))
            }
        case .read(let resource, let key):
            let handler = FortnoxHandlers.handler(for: resource)
            return locked { store throws(FortnoxError) in
                .entity(200, try store.read(handler, key: key, context: context))
            }
        case .update(let resource, let key):
            let handler = FortnoxHandlers.handler(for: resource)
            return withEntity(request, wrapper: handler.definition.schema.wrapper) {
                store, members throws(FortnoxError) in
                .entity(200, try store.update(handler, key: key, members: members, context: context))
            }
        case .delete(let resource, let key):
            let handler = FortnoxHandlers.handler(for: resource)
            return locked { store throws(FortnoxError) in
                try store.delete(handler, key: key, context: context)
                return .noContent
            }
        case .invoiceAction(let key, let action):
            return locked { store throws(FortnoxError) in try store.invoiceAction(action, key: key, context: context) }
        case .paymentBookkeep(let key):
            return locked { store throws(FortnoxError) in try store.bookkeepPayment(key: key, context: context) }
        case .supplierInvoiceAction(let key, let action):
            return locked { store throws(FortnoxError) in
                try store.supplierInvoiceAction(action, key: key, context: context)
            }
        case .priceSublist(let priceList, let articleNumber):
            return priceSublist(priceList: priceList, articleNumber: articleNumber, request: request, context: context)
        case .companySettings:
            return state.withLock { .json(200, $0.companySettings(databaseNumber: configuration.tenantID)) }
        case .companyInformation:
            return state.withLock { .json(200, $0.companyInformation(databaseNumber: configuration.tenantID)) }
        default:
            return performFiles(endpoint, request, context: context)
        }
    }

    private func performFiles(_ endpoint: FortnoxEndpoint, _ request: ServerRequest, context: RequestContext)
        -> FortnoxReply
    {
        switch endpoint {
        case .inboxFolder:
            let path = request.queryValue("path") ?? request.queryValue("folderId")
            return locked { store throws(FortnoxError) in try store.inboxFolder(path: path, context: context) }
        case .inboxUpload:
            let path = request.queryValue("path") ?? request.queryValue("folderId")
            let body = [UInt8](request.body)
            let contentType = FortnoxText.header(request.headers, "content-type")
            return locked { store throws(FortnoxError) in
                try store.uploadToInbox(folder: path, body: body, contentType: contentType, context: context)
            }
        case .inboxItem(let id):
            return locked { store throws(FortnoxError) in try store.inboxItem(id, context: context) }
        case .inboxDelete(let id):
            return locked { store throws(FortnoxError) in try store.deleteFromInbox(id) }
        case .attachmentList:
            let ids = request.queryValues("entityid")
            let type = request.queryValue("entitytype")
            return attachmentLocked { store throws(AttachmentError) in
                try store.listAttachments(entityIds: ids, entityType: type)
            }
        case .attachmentCount:
            let ids = request.queryValues("entityids") + request.queryValues("entityid")
            let type = request.queryValue("entitytype")
            return attachmentLocked { store throws(AttachmentError) in
                try store.countAttachments(entityIds: ids, entityType: type)
            }
        case .attach:
            guard let body = try? JSONParser.parse(request.body) else { return FortnoxEmulator.malformedAttachmentBody }
            return attachmentLocked { store throws(AttachmentError) in try store.attach(body) }
        case .attachmentUpdate(let id):
            guard let body = try? JSONParser.parse(request.body) else { return FortnoxEmulator.malformedAttachmentBody }
            return attachmentLocked { store throws(AttachmentError) in try store.updateAttachment(id, body: body) }
        case .detach(let id):
            return attachmentLocked { store throws(AttachmentError) in try store.detach(id) }
        default:
            return .error(.notFound(FortnoxErrorCode.routeNotFound, "Kan inte hitta resursen \(request.path)."))
        }
    }

    private static var malformedAttachmentBody: FortnoxReply {
        AttachmentError(status: 400, error: "invalid_request", message: "Ogiltig JSON i anropet.").reply  // INVENTED
    }

    /// `GET /3/prices/sublist/{PriceList}/{ArticleNumber}`: the prices of one article in one price list.
    private func priceSublist(priceList: String, articleNumber: String, request: ServerRequest, context: RequestContext)
        -> FortnoxReply
    {
        do {
            let query = try ListQuery(request.query, options: ListOptions(), time: localTime)
            return locked { store throws(FortnoxError) in
                try store.priceSublist(
                    priceList: priceList, articleNumber: articleNumber, query: query, context: context)
            }
        } catch {
            return .error(error)
        }
    }

    private func locked(_ body: (inout FortnoxStore) throws(FortnoxError) -> FortnoxReply) -> FortnoxReply {
        state.withLock { store in
            do throws(FortnoxError) {
                return try body(&store)
            } catch {
                return .error(error)
            }
        }
    }

    private func attachmentLocked(_ body: (inout FortnoxStore) throws(AttachmentError) -> FortnoxReply) -> FortnoxReply
    {
        state.withLock { store in
            do throws(AttachmentError) {
                return try body(&store)
            } catch {
                return error.reply
            }
        }
    }

    /// Parses the wrapped entity outside the lock, then runs `body` under it.
    private func withEntity(
        _ request: ServerRequest, wrapper: String,
        _ body: (inout FortnoxStore, [String: JSONValue]) throws(FortnoxError) -> FortnoxReply
    ) -> FortnoxReply {
        let members: [String: JSONValue]
        do {
            members = try FortnoxRequestBody.entity(
                request.body, contentType: FortnoxText.header(request.headers, "content-type"), wrapper: wrapper)
        } catch {
            return .error(error)
        }
        return locked { store throws(FortnoxError) in try body(&store, members) }
    }
}
