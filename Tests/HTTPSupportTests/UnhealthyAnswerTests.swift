import Foundation
import HTTPSupport
import JSONSupport
import Testing

/// ``UnhealthyAnswer``: telling an API's answer from a maintenance page, a proxy's page or a cut body,
/// and saying what came back without a secret.
@Suite struct UnhealthyAnswerTests {
    private static func response(_ status: Int, _ type: String?, _ body: String) -> HTTPResponse {
        HTTPResponse(
            status: status, headers: HTTPHeaders(type.map { [(name: "Content-Type", value: $0)] } ?? []),
            body: Data(body.utf8))
    }

    /// A 2xx answer and the problem it must be reported with (`nil`: it is the API's JSON).
    struct Case: Sendable, CustomTestStringConvertible {
        let type: String?
        let body: String
        let problem: String?
        var testDescription: String { "\(type ?? "no type") \(body.prefix(20))" }
    }

    static let cases: [Case] = [
        Case(type: "application/json; charset=utf-8", body: #"{"Customer":{}}"#, problem: nil),
        Case(type: nil, body: #"[{"guid":"a"}]"#, problem: nil),
        Case(type: "application/problem+json", body: "{}", problem: nil),
        Case(type: "text/html; charset=utf-8", body: "<!DOCTYPE html><html></html>", problem: "an HTML page"),
        Case(type: "application/json", body: "\n  <html><body>Bad gateway</body></html>", problem: "an HTML page"),
        Case(type: "text/plain", body: #"{"Customer":{}}"#, problem: "Content-Type text/plain instead of JSON"),
        Case(type: "application/json", body: #"{"Customers":[{"Name":"Ac"#, problem: "JSON cut off after 25 bytes"),
        Case(type: "application/json", body: "", problem: "an empty body instead of JSON"),
        Case(type: "application/json", body: "Service Unavailable", problem: "a body that is not JSON"),
    ]

    @Test("O7: a 2xx is the API's only when it is JSON, whole and of a JSON type", arguments: cases)
    func classifiesTwoHundreds(_ example: Case) {
        let result = UnhealthyAnswer.json(
            of: Self.response(200, example.type, example.body), redactor: SecretRedactor())
        switch result {
        case .success:
            #expect(example.problem == nil)
        case .failure(let answer):
            let expected = example.problem ?? "none"
            #expect(answer.problem.hasPrefix(expected), "\(answer.problem)")
            #expect(answer.status == 200)
        }
    }

    @Test("The token endpoint's JSON labelled text/html is accepted when the content type is not checked")
    func jsonLabelledHTMLPassesWithoutTheTypeCheck() throws {
        let labelled = Self.response(200, "text/plain", #"{"access_token":"x"}"#)
        #expect(throws: Never.self) {
            try UnhealthyAnswer.json(of: labelled, redactor: SecretRedactor(), checksContentType: false).get()
        }
    }

    @Test("What came back: status, content type, length and the first 80 characters, escaped onto one line")
    func describesWhatCameBack() {
        let page =
            "<!DOCTYPE html>\n<html>\t<title>Maintenance \"soon\"</title>\u{7}" + String(repeating: "x", count: 200)
        let answer = UnhealthyAnswer(
            "an HTML page instead of JSON", response: Self.response(200, "text/html", page), redactor: SecretRedactor())
        let start = answer.bodyStart ?? ""
        #expect(start.hasPrefix(#"<!DOCTYPE html>\n<html>\t<title>Maintenance \"soon\"</title>\u{7}xxx"#))
        #expect(start.hasSuffix("…"))
        #expect(start.count <= UnhealthyAnswer.excerptLength + 1)
        #expect(!start.contains("\n"))
        #expect(
            answer.description.hasPrefix(
                #"an HTML page instead of JSON (HTTP 200, Content-Type text/html, \#(page.utf8.count) bytes: "<!DOCTYPE"#
            ))
        let empty = UnhealthyAnswer("nothing", response: Self.response(204, nil, ""), redactor: SecretRedactor())
        #expect(empty.whatCameBack == "HTTP 204, no Content-Type, empty body")
    }

    @Test("O7: the excerpt never holds a secret: registered ones and token-shaped members are redacted first")
    func excerptIsRedacted() {
        let secret = "s3cr3t-refresh-token-0123456789"
        let redactor = SecretRedactor(secrets: [secret])
        let body = "<p>token \(secret)</p>{\"access_token\":\"eyJhbGciOiJIUzI1NiJ9.unregistered\"}"
        let answer = UnhealthyAnswer(
            "an HTML page", response: Self.response(200, "text/html", body), redactor: redactor)
        #expect(!answer.description.contains(secret))
        #expect(!answer.description.contains("eyJhbGciOiJIUzI1NiJ9"))
        #expect(answer.description.contains(SecretRedactor.placeholder))
    }

    @Test("O7: a refusal whose body is not JSON (a proxy's HTML 404 or 403) is not the API's; JSON or none is")
    func refusals() {
        let redactor = SecretRedactor()
        #expect(UnhealthyAnswer.inRefusal(Self.response(404, nil, ""), redactor: redactor) == nil)
        #expect(
            UnhealthyAnswer.inRefusal(
                Self.response(404, "application/json", #"{"ErrorInformation":{"Code":2000433}}"#), redactor: redactor)
                == nil)
        #expect(
            UnhealthyAnswer.inRefusal(
                Self.response(400, "text/html", #"{"error":"invalid_grant"}"#), redactor: redactor)
                == nil, "Fortnox's token endpoint labels its JSON text/html")
        let page = UnhealthyAnswer.inRefusal(
            Self.response(404, "text/html", "<html>Not Found</html>"), redactor: redactor)
        #expect(page?.problem == "an HTML page instead of the API's error")
        let text = UnhealthyAnswer.inRefusal(
            Self.response(403, "text/plain", "Forbidden by policy"), redactor: redactor)
        #expect(text?.problem == "an error body that is not JSON")
    }
}
