import Foundation
import HTTPSupport
import Testing

@Suite struct RetryAfterTests {
    static let now = Date(timeIntervalSince1970: 784_111_717)  // Sun, 06 Nov 1994 08:48:37 GMT

    @Test(arguments: [
        ("7", Duration.seconds(7)),
        (" 120 ", .seconds(120)),
        ("0", .zero),
        ("Sun, 06 Nov 1994 08:49:37 GMT", .seconds(60)),
        ("Sunday, 06-Nov-94 08:49:37 GMT", .seconds(60)),
        ("Sun Nov  6 08:49:37 1994", .seconds(60)),
        ("Sun, 06 Nov 1994 08:00:00 GMT", .zero),
    ])
    func readsSecondsAndEveryHTTPDateForm(_ value: String, _ expected: Duration) {
        #expect(RetryAfter.delay(value, now: Self.now) == expected)
    }

    @Test(arguments: ["", "soon", "-5", "1.5", "Sun, 06 Nov 1994 08:49:37", "Sun, 32 Nov 1994 08:49:37 GMT"])
    func ignoresUnreadableValues(_ value: String) {
        #expect(RetryAfter.delay(value, now: Self.now) == nil)
    }

    @Test func httpDateMatchesFoundationsFormatter() throws {
        let date = Date(timeIntervalSince1970: 1_767_225_612)
        let parsed = try #require(HTTPDate.parse(imfFixdate(date)))
        #expect(parsed == date)
    }
}
