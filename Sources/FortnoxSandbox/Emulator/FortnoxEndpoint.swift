import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit

/// What a request under `/3/` or `/api/` addresses, resolved from its method and path.
enum FortnoxEndpoint: Sendable {
    case list(FortnoxResource)
    case create(FortnoxResource)
    case read(FortnoxResource, key: String)
    case update(FortnoxResource, key: String)
    case delete(FortnoxResource, key: String)
    case invoiceAction(key: String, action: String)
    case paymentBookkeep(key: String)
    case supplierInvoiceAction(key: String, action: String)
    case priceSublist(priceList: String, articleNumber: String)
    case companySettings
    case companyInformation
    case inboxFolder
    case inboxUpload
    case inboxItem(id: String)
    case inboxDelete(id: String)
    case attachmentList
    case attach
    case attachmentCount
    case attachmentUpdate(id: String)
    case detach(id: String)

    /// The OAuth scope the endpoint needs.
    var scope: String {
        switch self {
        case .list(let resource), .create(let resource), .read(let resource, _), .update(let resource, _),
            .delete(let resource, _):
            resource.scope
        case .invoiceAction: "invoice"
        case .paymentBookkeep: "payment"
        case .supplierInvoiceAction: "supplierinvoice"
        case .priceSublist: "price"
        case .companySettings: "settings"
        case .companyInformation: "companyinformation"
        case .inboxFolder, .inboxUpload, .inboxItem, .inboxDelete: "inbox"
        // INVENTED: the scope of /api/fileattachments is UNVERIFIED; file connections use connectfile.
        case .attachmentList, .attach, .attachmentCount, .attachmentUpdate, .detach: "connectfile"
        }
    }

    /// Resolves `request`.
    ///
    /// - Throws: a 404 for a path that names nothing, a 405 (with `Allow`) for an unsupported method.
    init(_ request: ServerRequest) throws(FortnoxError) {
        let segments = request.pathSegments
        let method = request.method
        if segments.first == "api" {
            self = try FortnoxEndpoint.attachmentEndpoint(method, Array(segments.dropFirst()), path: request.path)
            return
        }
        let rest = Array(segments.dropFirst())
        guard let name = rest.first else { throw FortnoxEndpoint.notFound(request.path) }
        switch name {
        case "settings" where rest.count == 2 && rest[1] == "company":
            try FortnoxEndpoint.allow(method, ["GET"])
            self = .companySettings
        case "companyinformation" where rest.count == 1:
            try FortnoxEndpoint.allow(method, ["GET"])
            self = .companyInformation
        case "inbox":
            self = try FortnoxEndpoint.inboxEndpoint(method, rest, path: request.path)
        case "prices":
            self = try FortnoxEndpoint.priceEndpoint(method, rest, path: request.path)
        default:
            guard let resource = FortnoxResource(rawValue: name), resource != .prices else {
                throw FortnoxEndpoint.notFound(request.path)
            }
            self = try FortnoxEndpoint.recordEndpoint(resource, method, rest, path: request.path)
        }
    }

    private static func recordEndpoint(
        _ resource: FortnoxResource, _ method: HTTPMethod, _ rest: [String], path: String
    ) throws(FortnoxError) -> FortnoxEndpoint {
        switch rest.count {
        case 1:
            try allow(method, ["GET", "POST"])
            return method == .get ? .list(resource) : .create(resource)
        case 2:
            let methods = FortnoxHandlers.handler(for: resource).definition.itemMethods
            try allow(method, methods)
            switch method {
            case .get: return .read(resource, key: rest[1])
            case .put: return .update(resource, key: rest[1])
            default: return .delete(resource, key: rest[1])
            }
        case 3:
            let key = rest[1]
            let action = rest[2]
            switch resource {
            case .invoices:
                guard let expected = FortnoxStore.invoiceActions[action] else { throw notFound(path) }
                try allow(method, [expected])
                return .invoiceAction(key: key, action: action)
            case .supplierinvoices:
                guard FortnoxStore.supplierInvoiceActions.contains(action) else { throw notFound(path) }
                try allow(method, ["PUT"])
                return .supplierInvoiceAction(key: key, action: action)
            case .invoicepayments where action == "bookkeep":
                try allow(method, ["PUT"])
                return .paymentBookkeep(key: key)
            default: throw notFound(path)
            }
        default: throw notFound(path)
        }
    }

    private static func priceEndpoint(_ method: HTTPMethod, _ rest: [String], path: String) throws(FortnoxError)
        -> FortnoxEndpoint
    {
        switch rest.count {
        case 1:
            try allow(method, ["GET", "POST"])
            return method == .get ? .list(.prices) : .create(.prices)
        case 4 where rest[1] == "sublist":
            try allow(method, ["GET"])
            return .priceSublist(priceList: rest[2], articleNumber: rest[3])
        case 3, 4:
            var quantity: Decimal = 0
            if rest.count == 4 {
                guard let parsed = FortnoxDecimal.parse(.string(rest[3])) else {
                    throw .invalidParameter("FromQuantity", rest[3])
                }
                quantity = parsed
            }
            try allow(method, rest.count == 4 ? ["GET", "PUT", "DELETE"] : ["GET", "PUT"])
            let key = PriceHandler.key(priceList: rest[1], articleNumber: rest[2], fromQuantity: quantity)
            switch method {
            case .get: return .read(.prices, key: key)
            case .put: return .update(.prices, key: key)
            default: return .delete(.prices, key: key)
            }
        default: throw notFound(path)
        }
    }

    private static func inboxEndpoint(_ method: HTTPMethod, _ rest: [String], path: String) throws(FortnoxError)
        -> FortnoxEndpoint
    {
        switch rest.count {
        case 1:
            try allow(method, ["GET", "POST"])
            return method == .get ? .inboxFolder : .inboxUpload
        case 2:
            try allow(method, ["GET", "DELETE"])
            return method == .get ? .inboxItem(id: rest[1]) : .inboxDelete(id: rest[1])
        default: throw notFound(path)
        }
    }

    private static func attachmentEndpoint(_ method: HTTPMethod, _ rest: [String], path: String)
        throws(FortnoxError) -> FortnoxEndpoint
    {
        guard rest.count >= 2, rest[0] == "fileattachments", rest[1] == "attachments-v1" else { throw notFound(path) }
        switch rest.count {
        case 2:
            try allow(method, ["GET", "POST"])
            return method == .get ? .attachmentList : .attach
        case 3 where rest[2] == "numberofattachments":
            try allow(method, ["GET"])
            return .attachmentCount
        case 3:
            try allow(method, ["PUT", "DELETE"])
            return method == .put ? .attachmentUpdate(id: rest[2]) : .detach(id: rest[2])
        default: throw notFound(path)
        }
    }

    private static func allow(_ method: HTTPMethod, _ methods: [String]) throws(FortnoxError) {
        guard !methods.contains(method.rawValue) else { return }
        throw FortnoxEmulator.methodNotAllowed(allow: methods.joined(separator: ", "))
    }

    private static func notFound(_ path: String) -> FortnoxError {
        .notFound(FortnoxErrorCode.routeNotFound, "Kan inte hitta resursen \(path).")  // INVENTED code
    }
}
