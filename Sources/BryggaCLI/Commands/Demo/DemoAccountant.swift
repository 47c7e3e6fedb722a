import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import SandboxKit

/// The accountant of `brygga demo`: books and pays an invoice in the Fortnox emulator through its API,
/// with a session of their own, as a person working in Fortnox between two runs would. A payment can
/// only follow a transfer, so the sample data cannot hold one.
struct DemoAccountant {
    /// The sandbox whose Fortnox emulator is used.
    let sandbox: SandboxEnvironment

    /// Books Fortnox invoice `number` and pays its whole balance on `date`.
    ///
    /// - Throws: ``CommandFailure`` naming the request Fortnox refused.
    func bookAndPay(_ number: String, on date: String) throws(CommandFailure) {
        let token = try accessToken()
        try send(.put, "/3/invoices/\(number)/bookkeep", token: token, body: nil)
        try send(
            .post, "/3/invoicepayments", token: token,
            body: ["InvoicePayment": ["InvoiceNumber": .string(number), "PaymentDate": .string(date)]])
    }

    private func send(_ method: HTTPMethod, _ target: String, token: String, body: JSONValue?) throws(CommandFailure) {
        var headers: HTTPHeaders = ["Authorization": "Bearer \(token)", "Accept": "application/json"]
        if body != nil { headers["Content-Type"] = "application/json" }
        let request = ServerRequest(
            method: method, target: target, headers: headers, body: body.map(JSONSerializer.data) ?? Data())
        guard case .response(let response) = sandbox.fortnox.handle(request).outcome, response.isSuccess else {
            throw CommandFailure(.internalError, "the demo's accountant could not \(method) \(target) in Fortnox")
        }
    }

    /// An access token from a fresh authorization code.
    private func accessToken() throws(CommandFailure) -> String {
        guard let token = sandbox.issueFortnoxAccessToken() else {
            throw CommandFailure(.internalError, "the demo's accountant could not sign in to the Fortnox sandbox")
        }
        return token
    }
}
