import Foundation
import HTTPSupport
import JSONSupport
import Sandbox
import Testing

/// The Fortnox emulator over real HTTP on loopback, through URLSession.
@Suite struct FortnoxLoopbackTests {
    @Test func anAuthorizationCodeBuysATokenThatListsCustomersWithMetaInformation() async throws {
        let sandbox = try SandboxEnvironment.listening(.init(rateLimits: false))
        defer { sandbox.stop() }
        let summary = try sandbox.populate(with: SampleDataGenerator(seed: 2, size: .small))
        let ready = try #require(sandbox.readyDocument(processID: 1))
        let client = LoopbackClient()
        let token = try await client.fortnoxAccessToken(
            authBaseURL: ready.fortnoxBaseURL, clientID: ready.credentials.fortnoxClientID,
            clientSecret: ready.credentials.fortnoxClientSecret, code: ready.fortnoxAuthorizationCode)
        let reply = try await client.send(
            "GET", ready.fortnoxBaseURL + "/3/customers?limit=5",
            headers: ["Authorization": "Bearer \(token)", "Accept": "application/json"])
        #expect(reply.status == 200)
        let body = try reply.json()
        let meta = try #require(body["MetaInformation"])
        #expect(meta["@TotalResources"]?.numberValue?.int64 == Int64(summary.fortnox.customers))
        #expect(meta["@CurrentPage"]?.numberValue?.int64 == 1)
        let customers = try #require(body["Customers"]?.arrayValue)
        #expect(customers.count == 5)
        let url = try #require(customers.first?["@url"]?.stringValue)
        #expect(url.hasPrefix(ready.fortnoxBaseURL + "/3/customers/"), "@url names the loopback server")
    }

    @Test func theAuthorizationCodeWorksOnce() async throws {
        let sandbox = try SandboxEnvironment.listening(.init(rateLimits: false))
        defer { sandbox.stop() }
        let ready = try #require(sandbox.readyDocument(processID: 1))
        let client = LoopbackClient()
        _ = try await client.fortnoxAccessToken(
            authBaseURL: ready.fortnoxBaseURL, clientID: ready.credentials.fortnoxClientID,
            clientSecret: ready.credentials.fortnoxClientSecret, code: ready.fortnoxAuthorizationCode)
        let basic = Data("sandbox-fortnox-client:sandbox-fortnox-secret".utf8).base64EncodedString()
        let again = try await client.send(
            "POST", ready.fortnoxBaseURL + "/oauth-v1/token",
            headers: ["Authorization": "Basic \(basic)", "Content-Type": "application/x-www-form-urlencoded"],
            body: Data("grant_type=authorization_code&code=\(ready.fortnoxAuthorizationCode)".utf8))
        #expect(again.status == 400)
    }

    @Test func withoutATokenTheAPIAnswers401Unauthorized() async throws {
        let sandbox = try SandboxEnvironment.listening(.init(rateLimits: false))
        defer { sandbox.stop() }
        let servers = try #require(sandbox.servers)
        let reply = try await LoopbackClient().send("GET", servers.fortnoxBaseURL + "/3/customers")
        #expect(reply.status == 401)
        #expect(try reply.json() == ["message": "unauthorized"])
    }

    @Test func the26thRequestWithin5SecondsGets429AndTheNextWindowAdmitsAgain() async throws {
        // A manual clock keeps the 5 s window still while 26 requests cross the loopback, however
        // loaded the machine is.
        let clock = ManualWallClock()
        let sandbox = try SandboxEnvironment.listening(.init(rateLimits: true, clock: clock))
        defer { sandbox.stop() }
        let ready = try #require(sandbox.readyDocument(processID: 1))
        let client = LoopbackClient()
        let token = try await client.fortnoxAccessToken(
            authBaseURL: ready.fortnoxBaseURL, clientID: ready.credentials.fortnoxClientID,
            clientSecret: ready.credentials.fortnoxClientSecret, code: ready.fortnoxAuthorizationCode)
        var statuses: [Int] = []
        for _ in 0..<26 {
            let reply = try await client.send(
                "GET", ready.fortnoxBaseURL + "/3/units", headers: ["Authorization": "Bearer \(token)"])
            statuses.append(reply.status)
            if reply.status == 429 {
                #expect(reply.header("Retry-After") != nil)
            }
        }
        #expect(statuses.prefix(25).allSatisfy { $0 == 200 })
        #expect(statuses.last == 429)
        clock.advance(by: 5.1)
        let afterWindow = try await client.send(
            "GET", ready.fortnoxBaseURL + "/3/units", headers: ["Authorization": "Bearer \(token)"])
        #expect(afterWindow.status == 200)
    }
}
