import Foundation
import HTTPSupport
import Testing

@Suite struct BaseURLPolicyTests {
    static let accepted = [
        "https://api.fortnox.se/3/",
        "https://apps.fortnox.se",
        "https://api.severa.visma.com/rest-api",
        "http://localhost:8080/3/",
        "http://LOCALHOST/",
        "http://127.0.0.1:54321/rest-api",
        "http://127.255.0.9/",
        "http://[::1]:8080/",
        "http://[0:0:0:0:0:0:0:1]/",
    ]

    static let refused: [(url: String, reason: String)] = [
        ("http://api.fortnox.se/3/", "plain http"),
        ("http://10.0.0.1/", "plain http"),
        ("http://128.0.0.1/", "plain http"),
        ("http://127.1/", "plain http"),
        ("http://localhost.evil.example/", "plain http"),
        ("http://[::2]/", "plain http"),
        ("https://user:hunter2@api.fortnox.se/3/", "user name or password"),
        ("http://admin@localhost/", "user name or password"),
        ("ftp://api.fortnox.se/", "only https"),
        ("file:///etc/passwd", "no host"),
    ]

    @Test(arguments: accepted)
    func acceptsHTTPSAndLoopbackHTTP(_ text: String) throws {
        let url = try #require(URL(string: text))
        #expect(throws: Never.self) { try BaseURLPolicy.validate(url) }
    }

    @Test(arguments: refused)
    func refusesRemotePlainHTTPAndUserInfo(_ text: String, _ reason: String) throws {
        let url = try #require(URL(string: text + "?client_secret=s3cr3t-value"))
        let error = try #require(throws: BaseURLError.self) { try BaseURLPolicy.validate(url) }
        #expect(error.reason.contains(reason))
        #expect(!error.description.contains("s3cr3t-value"), "the query string must not be shown")
        #expect(!error.description.contains("hunter2"), "a password in the URL must not be shown")
        #expect(!error.description.contains("?"))
    }

    @Test func errorNamesTheURLWithoutQuery() throws {
        let url = try #require(URL(string: "http://api.fortnox.se/3/customers?code=abc"))
        let error = try #require(throws: BaseURLError.self) { try BaseURLPolicy.validate(url) }
        #expect(error.url == "http://api.fortnox.se/3/customers")
        #expect(error.description.hasPrefix("refusing base URL http://api.fortnox.se/3/customers: "))
    }
}
