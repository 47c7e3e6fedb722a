import Foundation
import HTTPSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite struct URLErrorMappingTests {
    struct Row: Sendable, CustomStringConvertible {
        let code: URLError.Code
        let kind: TransportError.Kind
        let mayHaveBeenProcessed: Bool

        var description: String { "URLError \(code.rawValue) → \(kind), processed: \(mayHaveBeenProcessed)" }
    }

    static let table: [Row] = [
        Row(code: .cannotConnectToHost, kind: .cannotConnect, mayHaveBeenProcessed: false),
        Row(code: .cannotFindHost, kind: .cannotConnect, mayHaveBeenProcessed: false),
        Row(code: .dnsLookupFailed, kind: .cannotConnect, mayHaveBeenProcessed: false),
        Row(code: .notConnectedToInternet, kind: .cannotConnect, mayHaveBeenProcessed: false),
        Row(code: .serverCertificateUntrusted, kind: .cannotConnect, mayHaveBeenProcessed: false),
        Row(code: .serverCertificateHasUnknownRoot, kind: .cannotConnect, mayHaveBeenProcessed: false),
        Row(code: .badURL, kind: .refused, mayHaveBeenProcessed: false),
        Row(code: .unsupportedURL, kind: .refused, mayHaveBeenProcessed: false),
        Row(code: .timedOut, kind: .timedOut, mayHaveBeenProcessed: true),
        Row(code: .networkConnectionLost, kind: .connectionLost, mayHaveBeenProcessed: true),
        Row(code: .badServerResponse, kind: .invalidResponse, mayHaveBeenProcessed: true),
        Row(code: .cannotParseResponse, kind: .invalidResponse, mayHaveBeenProcessed: true),
        Row(code: .zeroByteResource, kind: .invalidResponse, mayHaveBeenProcessed: true),
        Row(code: .httpTooManyRedirects, kind: .invalidResponse, mayHaveBeenProcessed: true),
        Row(code: .secureConnectionFailed, kind: .connectionLost, mayHaveBeenProcessed: true),
        Row(code: .cancelled, kind: .cancelled, mayHaveBeenProcessed: true),
        Row(code: .unknown, kind: .connectionLost, mayHaveBeenProcessed: true),
        Row(code: .resourceUnavailable, kind: .connectionLost, mayHaveBeenProcessed: true),
        Row(code: .dataLengthExceedsMaximum, kind: .connectionLost, mayHaveBeenProcessed: true),
    ]

    @Test(arguments: table)
    func mapsEachURLErrorToKindAndProcessedFlag(_ row: Row) throws {
        let url = try #require(URL(string: "https://api.fortnox.se/3/invoices?access_token=abc123"))
        let error = TransportError(URLError(row.code), method: .post, url: url)
        #expect(error.kind == row.kind)
        #expect(error.requestMayHaveBeenProcessed == row.mayHaveBeenProcessed)
        #expect(error.detail.contains("POST https://api.fortnox.se/3/invoices"))
        #expect(!error.detail.contains("abc123"), "the query string must not appear in the detail")
    }
}
