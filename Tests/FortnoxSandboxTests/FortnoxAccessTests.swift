import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

@Suite("Fortnox emulator: auth, scopes, rate limit and routing")
struct FortnoxAccessTests {
    @Test(arguments: [nil, "Bearer not-a-token", "Basic abc"])
    func requestsWithoutAValidTokenGetTheRecorded401(authorization: String?) throws {
        let harness = try FortnoxHarness()
        var headers: HTTPHeaders = [:]
        if let authorization { headers["Authorization"] = authorization }
        let response = harness.raw(ServerRequest(method: .get, target: "/3/customers", headers: headers))
        #expect(response.status == 401)
        #expect(response.json == ["message": "unauthorized"])
    }

    @Test func aTokenWithoutTheResourcesScopeGets403With2000663() throws {
        let harness = try FortnoxHarness(scopes: ["customer"])
        #expect(harness.send(.get, "/3/customers").status == 200)
        let response = harness.send(.get, "/3/articles")
        #expect(response.status == 403)
        #expect(response.errorCode == 2_000_663)
        #expect(response.json["ErrorInformation"]?["message"] != nil)
    }

    @Test(arguments: [
        ("/3/units", "settings"), ("/3/prices", "price"), ("/3/invoicepayments", "payment"),
        ("/3/supplierinvoices", "supplierinvoice"), ("/3/settings/company", "settings"),
        ("/3/companyinformation", "companyinformation"), ("/3/inbox", "inbox"),
        ("/api/fileattachments/attachments-v1?entityid=1&entitytype=F", "connectfile"),
    ])
    func eachEndpointNeedsItsScope(target: String, scope: String) throws {
        let without = try FortnoxHarness(scopes: FortnoxHarness.allScopes.subtracting([scope]))
        #expect(without.send(.get, target).status == 403)
        let with = try FortnoxHarness(scopes: [scope])
        #expect(with.send(.get, target).status == 200)
    }

    @Test func the26thRequestWithinFiveSecondsGets429AndIsAdmittedOnceTheWindowMoves() throws {
        let harness = try FortnoxHarness(rateLimit: 25)
        for _ in 0..<25 {
            #expect(harness.send(.get, "/3/customers").status == 200)
            harness.clock.advance(by: 0.1)
        }
        let limited = harness.send(.get, "/3/customers")
        #expect(limited.status == 429)
        #expect(limited.json == ["message": "Too Many Requests"])
        #expect(limited.headers["Retry-After"].flatMap(Int.init) ?? 0 >= 1)
        harness.clock.advance(by: 2.5)  // the first request is now more than 5 s old
        #expect(harness.send(.get, "/3/customers").status == 200)
    }

    @Test func theRateLimitIsCountedPerAccessToken() throws {
        let harness = try FortnoxHarness(rateLimit: 25)
        for _ in 0..<25 { _ = harness.send(.get, "/3/customers") }
        #expect(harness.send(.get, "/3/customers").status == 429)
        let other = try #require(
            try harness.exchange(code: harness.emulator.issueAuthorizationCode(scopes: ["customer"])).json[
                "access_token"]?
                .stringValue
        )
        #expect(harness.send(.get, "/3/customers", bearer: other).status == 200)
    }

    @Test func theRateLimitCanBeSwitchedOff() throws {
        let harness = try FortnoxHarness(rateLimit: nil)
        for _ in 0..<60 { #expect(harness.send(.get, "/3/customers").status == 200) }
    }

    @Test func deletingAnInvoiceIsAMethodNotAllowed() throws {
        let harness = try FortnoxHarness()
        let response = harness.send(.delete, "/3/invoices/1")
        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "GET, PUT")
    }

    @Test func anUnknownPathGets404() throws {
        let harness = try FortnoxHarness()
        #expect(harness.send(.get, "/3/spaceships").status == 404)
        #expect(harness.send(.get, "/3/customers/1/2/3").status == 404)
    }

    @Test func notFoundUsesCapitalizedErrorKeys() throws {
        let harness = try FortnoxHarness()
        let response = harness.send(.get, "/3/customers/123456789")
        #expect(response.status == 404)
        #expect(
            response.json == ["ErrorInformation": ["Error": 1, "Message": "Kan inte hitta kunden.", "Code": 2_000_433]]
        )
    }

    @Test(arguments: [
        ("/3/articles/9", 2_000_428), ("/3/units/x", 2_000_432), ("/3/projects/9", 2_001_161),
        ("/3/invoices/9", 2_000_434),
    ])
    func eachResourceHasItsRecorded404Code(target: String, code: Int) throws {
        let harness = try FortnoxHarness()
        let response = harness.send(.get, target)
        #expect(response.status == 404)
        #expect(response.errorCode == code)
    }
}
