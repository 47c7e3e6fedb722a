import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

@Suite struct SeveraWireFormatTests {
    @Test func validationErrorsHaveTheExactExceptionModelShape() throws {
        let harness = try SeveraTestHarness()
        let response = harness.call(.post, "customers", body: ["email": "x@y.se"])
        #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true)
        let body = try SeveraTestHarness.json(response)
        #expect(
            body == [
                "error": [
                    "httpStatusCode": 400, "type": "InvalidParameter", "stack": nil,
                    "details": [
                        [
                            "message": "Name is required.", "url": nil,
                            "location": ["type": "RequestBody", "name": "name", "identifier": nil],
                        ]
                    ],
                ]
            ])
    }

    @Test func aKnownPathWithAnotherMethodIs405AndABodyThatIsNotJSONIs415() throws {
        let harness = try SeveraTestHarness()
        #expect(harness.call(.put, "customers").status == 405)
        let text = harness.call(.post, "customers", body: ["name": "X"], headers: ["Content-Type": "text/plain"])
        #expect(text.status == 415)
        let empty = harness.call(.post, "customers")
        SeveraTestHarness.expectError(empty, status: 400, type: "InvalidRequest")
    }

    @Test func routesAndFieldNamesAreMatchedIgnoringCase() throws {
        let harness = try SeveraTestHarness()
        let created = try harness.create("Customers", ["NAME": "Acme", "VatNumber": "SE1"])
        #expect(created["vatNumber"] == "SE1")
        #expect(harness.call(.get, "CUSTOMERS/\(try SeveraTestHarness.guid(created))").status == 200)
    }

    @Test func moneyKeepsItsExactDigits() throws {
        let harness = try SeveraTestHarness()
        let product = try harness.create(
            "products",
            [
                "name": "Precise",
                "unitPrice": ["amount": SeveraTestHarness.number("12345678901234.005"), "currencyCode": "sek"],
            ])
        #expect(
            product["unitPrice"] == ["amount": SeveraTestHarness.number("12345678901234.005"), "currencyCode": "SEK"])
        let bad = harness.call(
            .post, "products", body: ["name": "X", "unitPrice": ["amount": 1, "currencyCode": "XXX"]])
        SeveraTestHarness.expectError(bad, status: 400, type: "InvalidParameter", name: "unitPrice.currencyCode")
        let type = harness.call(.post, "products", body: ["name": "X", "type": "Service"])
        SeveraTestHarness.expectError(type, status: 400, type: "InvalidParameter", name: "type")
    }

    @Test func referenceDataIsSeededForASwedishOrganisation() throws {
        let harness = try SeveraTestHarness()
        let currencies = try harness.get("currencies").arrayValue?.compactMap { $0["code"]?.stringValue }
        #expect(currencies == ["SEK", "NOK", "EUR", "DKK", "USD"])
        let statuses = try harness.get("invoicestatuses").arrayValue ?? []
        #expect(statuses.map { $0["name"] } == ["Draft", "Ready for transfer", "Transferred", "Paid", "Error"])
        #expect(statuses.first?["isDefault"] == true)
        #expect(statuses.first { $0["name"] == "Transferred" }?["isReadOnly"] == true)
        let vat = try harness.get("vatrates").arrayValue?.compactMap { $0["percentage"] }
        #expect(vat == [25, 12, 6, 0])
        let other = SeveraEmulator(clock: ManualWallClock())
        let first = harness.emulator.exportState()["organisation"]?["tables"]?["invoiceStatuses"]
        let second = other.exportState()["organisation"]?["tables"]?["invoiceStatuses"]
        #expect(first?.arrayValue?.map { $0["guid"] } == second?.arrayValue?.map { $0["guid"] })
    }
}

@Suite struct SeveraTransportTests {
    @Test func theInProcessTransportServesTheRealBaseURL() async throws {
        let emulator = SeveraEmulator(configuration: .init(rateLimit: nil), clock: ManualWallClock())
        let transport = emulator.inProcessTransport()
        let base = "https://api.severa.visma.com/rest-api/v1/"
        let login = try await transport.send(
            HTTPRequest(
                method: .post, url: try #require(URL(string: base + "token")),
                headers: ["Content-Type": "application/json"],
                body: JSONSerializer.data([
                    "client_id": "sandbox-severa-client", "client_secret": "sandbox-severa-secret",
                ])
            ))
        let token = try #require(try JSONParser.parse(login.body)["access_token"]?.stringValue)
        let list = try await transport.send(
            HTTPRequest(
                method: .get,
                url: try #require(URL(string: base + "localization/countries/SE")),
                headers: ["Authorization": "Bearer \(token)", "Client_Id": "sandbox-severa-client"]))
        #expect(list.status == 200)
        #expect(try JSONParser.parse(list.body).arrayValue?.first?["code3"] == "SWE")
    }
}
