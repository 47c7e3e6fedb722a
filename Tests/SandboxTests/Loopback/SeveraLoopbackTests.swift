import Foundation
import JSONSupport
import Sandbox
import Testing

/// The Severa emulator over real HTTP on loopback, through URLSession.
@Suite struct SeveraLoopbackTests {
    @Test func customersArePagedWithNextPageTokenUntilTheLastPage() async throws {
        let sandbox = try SandboxEnvironment.listening(.init(rateLimits: false))
        defer { sandbox.stop() }
        let summary = try sandbox.populate(with: SampleDataGenerator(seed: 4, size: .small))
        let ready = try #require(sandbox.readyDocument(processID: 1))
        let client = LoopbackClient()
        let token = try await client.severaAccessToken(
            baseURL: ready.severaBaseURL, clientID: ready.credentials.severaClientID,
            clientSecret: ready.credentials.severaClientSecret)
        var numbers: [Int64] = []
        var pages = 0
        var pageToken: String?
        repeat {
            var url = ready.severaBaseURL + "/v1/customers?rowCount=5"
            if let pageToken {
                url += "&pageToken=" + (pageToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            }
            let reply = try await client.send(
                "GET", url,
                headers: ["Authorization": "Bearer \(token)", "Client_Id": ready.credentials.severaClientID])
            try #require(reply.status == 200)
            let page = try #require(try reply.json().arrayValue)
            #expect(page.count <= 5)
            numbers += page.compactMap { $0["number"]?.numberValue?.int64 }
            pageToken = reply.header("NextPageToken")
            pages += 1
        } while pageToken != nil && pages < 100
        #expect(numbers.count == summary.severa.customers)
        #expect(Set(numbers).count == numbers.count)
        #expect(pages == (summary.severa.customers + 4) / 5)
    }

    @Test func anUnknownGuidIs404WithoutBody() async throws {
        let sandbox = try SandboxEnvironment.listening(.init(rateLimits: false))
        defer { sandbox.stop() }
        let ready = try #require(sandbox.readyDocument(processID: 1))
        let client = LoopbackClient()
        let token = try await client.severaAccessToken(
            baseURL: ready.severaBaseURL, clientID: ready.credentials.severaClientID,
            clientSecret: ready.credentials.severaClientSecret)
        let reply = try await client.send(
            "GET", ready.severaBaseURL + "/v1/customers/6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab",
            headers: ["Authorization": "Bearer \(token)"])
        #expect(reply.status == 404)
        #expect(reply.body.isEmpty)
    }
}
