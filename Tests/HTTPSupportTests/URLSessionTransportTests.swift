import Foundation
import HTTPSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct URLSessionTransportTests {
    @Test func sessionIsEphemeralUncachedWithFewConnectionsAndRefusesRedirects() {
        let transport = URLSessionTransport(
            configuration: .init(
                requestTimeout: .seconds(7), resourceTimeout: .seconds(70), maximumConnectionsPerHost: 9)
        )
        defer { transport.invalidate() }
        let configuration = transport.sessionConfiguration
        #expect(configuration.urlCache == nil)
        #expect(configuration.httpMaximumConnectionsPerHost == 5, "clamped below 6 (corelibs #5445)")
        #expect(configuration.timeoutIntervalForRequest == 7)
        #expect(configuration.timeoutIntervalForResource == 70)
        #expect(transport.refusesRedirects)
    }

    @Test func bodyWithoutContentTypeGetsOneAndExplicitTypeIsKept() throws {
        let transport = URLSessionTransport()
        defer { transport.invalidate() }
        let url = try #require(URL(string: "https://api.fortnox.se/3/customers"))
        let bare = try transport.makeURLRequest(HTTPRequest(method: .post, url: url, body: Data("{}".utf8)))
        #expect(bare.value(forHTTPHeaderField: "Content-Type") == "application/octet-stream")
        let json = try transport.makeURLRequest(
            HTTPRequest(method: .post, url: url, headers: ["Content-Type": "application/json"], body: Data("{}".utf8))
        )
        #expect(json.value(forHTTPHeaderField: "Content-Type") == "application/json")
        #expect(json.httpMethod == "POST")
        let get = try transport.makeURLRequest(HTTPRequest(method: .get, url: url))
        #expect(get.httpBody == nil)
    }

    @Test func remotePlainHTTPIsRefusedBeforeAnythingIsSent() async throws {
        let transport = URLSessionTransport()
        defer { transport.invalidate() }
        let url = try #require(URL(string: "http://api.fortnox.se/3/customers"))
        let error = await #expect(throws: TransportError.self) {
            try await transport.send(HTTPRequest(method: .get, url: url, headers: ["Authorization": "Bearer x"]))
        }
        #expect(error?.kind == .refused)
        #expect(error?.requestMayHaveBeenProcessed == false)
    }
}
