import FortnoxSandbox
import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Testing

@Suite("Fortnox emulator: OAuth (O1)")
struct FortnoxOAuthTests {
    @Test func authorizationCodeExchangeReturnsTheRecordedTokenShape() throws {
        let harness = try FortnoxHarness()
        let response = try harness.exchange(
            code: harness.emulator.issueAuthorizationCode(scopes: ["customer", "article"]))
        #expect(response.status == 200)
        let body = response.json
        #expect(body["access_token"]?.stringValue?.isEmpty == false)
        #expect(body["refresh_token"]?.stringValue?.isEmpty == false)
        #expect(body["scope"] == "article customer")
        #expect(body["expires_in"] == 3600)
        #expect(body["token_type"] == "bearer")
    }

    @Test func anAuthorizationCodeWorksOnce() throws {
        let harness = try FortnoxHarness()
        let code = harness.emulator.issueAuthorizationCode(scopes: ["customer"])
        #expect(try harness.exchange(code: code).status == 200)
        let second = try harness.exchange(code: code)
        #expect(second.status == 400)
        #expect(second.json["error"] == "invalid_grant")
    }

    @Test func anAuthorizationCodeExpiresAfterTenMinutes() throws {
        let harness = try FortnoxHarness()
        let code = harness.emulator.issueAuthorizationCode(scopes: ["customer"])
        harness.clock.advance(by: 601)
        #expect(try harness.exchange(code: code).status == 400)
    }

    @Test func aRefreshTokenWorksOnceAndItsReuseGetsInvalidGrant() throws {
        let harness = try FortnoxHarness()
        let first = try harness.exchange(code: harness.emulator.issueAuthorizationCode(scopes: ["customer"]))
        let refresh = try #require(first.json["refresh_token"]?.stringValue)
        let rotated = harness.tokenRequest("grant_type=refresh_token&refresh_token=\(refresh)")
        #expect(rotated.status == 200)
        #expect(rotated.json["refresh_token"]?.stringValue != refresh)
        let newAccess = try #require(rotated.json["access_token"]?.stringValue)
        #expect(harness.send(.get, "/3/customers", bearer: newAccess).status == 200)

        let reused = harness.tokenRequest("grant_type=refresh_token&refresh_token=\(refresh)")
        #expect(reused.status == 400)
        #expect(reused.json == ["error": "invalid_grant", "error_description": "Invalid refresh token"])
        #expect(reused.headers["Content-Type"]?.hasPrefix("text/html") == true)
    }

    @Test func anAccessTokenExpiresAfterAnHour() throws {
        let harness = try FortnoxHarness()
        #expect(harness.send(.get, "/3/customers").status == 200)
        harness.clock.advance(by: 3599)
        #expect(harness.send(.get, "/3/customers").status == 200)
        harness.clock.advance(by: 2)
        let expired = harness.send(.get, "/3/customers")
        #expect(expired.status == 401)
        #expect(expired.json == ["message": "unauthorized"])
    }

    @Test(arguments: [
        nil, "Basic " + Data("sandbox-fortnox-client:wrong".utf8).base64EncodedString(), "Bearer nonsense",
    ])
    func badClientCredentialsGetInvalidClient(authorization: String?) throws {
        let harness = try FortnoxHarness()
        let code = harness.emulator.issueAuthorizationCode(scopes: ["customer"])
        let response = harness.tokenRequest("grant_type=authorization_code&code=\(code)", authorization: authorization)
        #expect(response.status == 401)
        #expect(response.json["error"] == "invalid_client")
        #expect(!String(decoding: response.body, as: UTF8.self).contains("sandbox-fortnox-secret"))
    }

    @Test func anUnknownGrantTypeIsRejected() throws {
        let harness = try FortnoxHarness()
        let response = harness.tokenRequest("grant_type=password&username=a&password=b")
        #expect(response.status == 400)
        #expect(response.json["error"] == "unsupported_grant_type")
    }

    @Test func authEndpointRedirectsWithCodeAndStateThatExchangeForTheRequestedScopes() throws {
        let harness = try FortnoxHarness()
        let response = harness.raw(
            ServerRequest(
                method: .get,
                target: "/oauth-v1/auth?client_id=sandbox-fortnox-client&redirect_uri=https%3A%2F%2Fapp.example%2Fcb"
                    + "&scope=customer%20invoice&state=xyz%201&access_type=offline&response_type=code"
            )
        )
        #expect(response.status == 302)
        let location = try #require(response.headers["Location"])
        let components = try #require(URLComponents(string: location))
        #expect(components.host == "app.example")
        let items = Dictionary(uniqueKeysWithValues: (components.queryItems ?? []).map { ($0.name, $0.value ?? "") })
        #expect(items["state"] == "xyz 1")
        let code = try #require(items["code"])
        #expect(try harness.exchange(code: code).json["scope"] == "customer invoice")
    }

    @Test func authEndpointWithoutStateRedirectsWithInvalidRequest() throws {
        let harness = try FortnoxHarness()
        let response = harness.raw(
            ServerRequest(
                method: .get,
                target: "/oauth-v1/auth?client_id=sandbox-fortnox-client&redirect_uri=https://app.example/cb"
                    + "&scope=customer&access_type=offline&response_type=code"
            )
        )
        #expect(response.status == 302)
        #expect(response.headers["Location"]?.contains("error=invalid_request") == true)
        #expect(response.headers["Location"]?.contains("code=") == false)
    }

    @Test func authEndpointWithAnUnregisteredScopeRedirectsWithInvalidScope() throws {
        let harness = try FortnoxHarness()
        let response = harness.raw(
            ServerRequest(
                method: .get,
                target: "/oauth-v1/auth?client_id=sandbox-fortnox-client&redirect_uri=https://app.example/cb"
                    + "&scope=customer%20teleportation&state=s&response_type=code"
            )
        )
        #expect(response.status == 302)
        #expect(response.headers["Location"]?.contains("error=invalid_scope") == true)
    }

    @Test func authEndpointForAnUnknownClientDoesNotRedirect() throws {
        let harness = try FortnoxHarness()
        let response = harness.raw(
            ServerRequest(
                method: .get,
                target: "/oauth-v1/auth?client_id=someone-else&redirect_uri=https://evil.example/cb&scope=customer"
                    + "&state=s&response_type=code"
            )
        )
        #expect(response.status == 400)
        #expect(response.headers["Location"] == nil)
        #expect(response.json["error"] == "invalid_client")
    }

    @Test func clientCredentialsNeedTheTenantIdAndGiveNoRefreshToken() throws {
        let harness = try FortnoxHarness()
        var headers: HTTPHeaders = [
            "Authorization": FortnoxHarness.basicAuthorization, "Content-Type": "application/x-www-form-urlencoded",
        ]
        let body = Data("grant_type=client_credentials&scope=customer".utf8)
        let missingTenant = harness.raw(
            ServerRequest(method: .post, target: "/oauth-v1/token", headers: headers, body: body))
        #expect(missingTenant.status == 400)
        headers["TenantId"] = "1234567"
        let response = harness.raw(
            ServerRequest(method: .post, target: "/oauth-v1/token", headers: headers, body: body))
        #expect(response.status == 200)
        #expect(response.json["refresh_token"] == nil)
        let access = try #require(response.json["access_token"]?.stringValue)
        #expect(harness.send(.get, "/3/customers", bearer: access).status == 200)
    }
}
