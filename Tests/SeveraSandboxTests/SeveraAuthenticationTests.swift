import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import SeveraSandbox
import Testing

@Suite struct SeveraAuthenticationTests {
    @Test func clientCredentialsGiveThePublicAuthenticationOutputModel() throws {
        let clock = ManualWallClock(start: Date(timeIntervalSince1970: 1_767_225_600))
        let emulator = SeveraEmulator(clock: clock)
        let response = SeveraTestHarness.send(
            emulator, .post, "/rest-api/v1/token",
            body: [
                "client_id": "sandbox-severa-client", "client_secret": "sandbox-severa-secret",
                "scope": "customers:read,customers:write",
            ])
        #expect(response.status == 200)
        let model = try SeveraTestHarness.json(response)
        #expect(model["access_token_type"] == "Bearer")
        #expect(model["access_token_expires_in"] == 3600)
        #expect(model["access_token_expires_utc"] == "2026-01-01T01:00:00.000Z")
        #expect(model["refresh_token_expires_in"] == 86_400)
        #expect(model["scope"] == "customers:read customers:write")
        #expect(model["access_token"]?.stringValue?.isEmpty == false)
        #expect(model["refresh_token"]?.stringValue?.isEmpty == false)
    }

    @Test func wrongCredentialsAreRefusedWithAnExceptionModel() throws {
        let emulator = SeveraEmulator(clock: ManualWallClock())
        let wrong = SeveraTestHarness.send(
            emulator, .post, "/rest-api/v1/token",
            body: ["client_id": "sandbox-severa-client", "client_secret": "guess"])
        SeveraTestHarness.expectError(wrong, status: 401, type: "AuthenticationRequired")
        #expect(!String(decoding: wrong.body, as: UTF8.self).contains("guess"))
        let missing = SeveraTestHarness.send(emulator, .post, "/rest-api/v1/token", body: ["client_id": "x"])
        SeveraTestHarness.expectError(missing, status: 400, type: "InvalidParameter", name: "client_secret")
    }

    @Test func callsWithoutOrWithABadTokenAre401() throws {
        let harness = try SeveraTestHarness()
        let none = SeveraTestHarness.send(harness.emulator, .get, "/rest-api/v1/customers")
        SeveraTestHarness.expectError(none, status: 401, type: "AuthenticationRequired", name: "Authorization")
        let bad = harness.call(.get, "customers", token: "not-a-token")
        SeveraTestHarness.expectError(bad, status: 401, type: "AuthenticationRequired")
        #expect(harness.call(.get, "customers").status == 200)
    }

    @Test func anExpiredAccessTokenIs401AndARefreshGivesAWorkingOne() throws {
        let harness = try SeveraTestHarness()
        harness.clock.advance(by: 3601)
        SeveraTestHarness.expectError(
            harness.call(.get, "customers"), status: 401, type: "AuthenticationRequired", name: "Authorization")
        let refreshed = SeveraTestHarness.send(
            harness.emulator, .post, "/rest-api/v1/refreshtoken", body: .string(harness.refreshToken))
        #expect(refreshed.status == 200)
        let model = try SeveraTestHarness.json(refreshed)
        let token = try #require(model["access_token"]?.stringValue)
        #expect(harness.call(.get, "customers", token: token).status == 200)
        #expect(model["refresh_token"]?.stringValue != harness.refreshToken)
    }

    @Test func aRefreshTokenWorksOnceAndNotAfterItExpires() throws {
        let harness = try SeveraTestHarness()
        let refresh = { (token: String) in
            SeveraTestHarness.send(harness.emulator, .post, "/rest-api/v1/refreshtoken", body: .string(token))
        }
        let first = refresh(harness.refreshToken)
        #expect(first.status == 200)
        SeveraTestHarness.expectError(refresh(harness.refreshToken), status: 401, type: "AuthenticationRequired")
        let next = try #require(try SeveraTestHarness.json(first)["refresh_token"]?.stringValue)
        harness.clock.advance(by: 86_401)
        SeveraTestHarness.expectError(refresh(next), status: 401, type: "AuthenticationRequired")
        let notAString = SeveraTestHarness.send(
            harness.emulator, .post, "/rest-api/v1/refreshtoken", body: ["refresh_token": .string(next)])
        SeveraTestHarness.expectError(notAString, status: 400, type: "InvalidRequest")
    }

    @Test func signoutRevokesTheRefreshTokenButTheAccessTokenLivesOn() throws {
        let harness = try SeveraTestHarness()
        #expect(harness.call(.post, "signout", body: .string(harness.refreshToken)).status == 200)
        let refreshed = SeveraTestHarness.send(
            harness.emulator, .post, "/rest-api/v1/refreshtoken", body: .string(harness.refreshToken))
        #expect(refreshed.status == 401)
        #expect(harness.call(.get, "customers").status == 200)
    }

    @Test func aMissingScopeIs403InsufficientApiScope() throws {
        let harness = try SeveraTestHarness(configuration: .init(grantedScopes: ["customers:read"], rateLimit: nil))
        #expect(harness.call(.get, "customers").status == 200)
        SeveraTestHarness.expectError(
            harness.call(.post, "customers", body: ["name": "X"]), status: 403, type: "InsufficientApiScope")
        SeveraTestHarness.expectError(harness.call(.get, "products"), status: 403, type: "InsufficientApiScope")
        #expect(try harness.get("customers").arrayValue?.isEmpty == true)
    }

    @Test func requestedScopesNarrowTheToken() throws {
        let emulator = SeveraEmulator(configuration: .init(rateLimit: nil), clock: ManualWallClock())
        let login = SeveraTestHarness.send(
            emulator, .post, "/rest-api/v1/token",
            body: [
                "client_Id": "sandbox-severa-client", "client_Secret": "sandbox-severa-secret",
                "scope": "settings:read invoices:read",
            ])
        let token = try #require(try SeveraTestHarness.json(login)["access_token"]?.stringValue)
        let headers: HTTPHeaders = ["Authorization": "Bearer \(token)"]
        #expect(SeveraTestHarness.send(emulator, .get, "/rest-api/v1/products", headers: headers).status == 200)
        #expect(SeveraTestHarness.send(emulator, .get, "/rest-api/v1/customers", headers: headers).status == 403)
    }

    @Test func theClientIdHeaderMustMatchAndCanBeRequired() throws {
        let lenient = try SeveraTestHarness()
        #expect(lenient.call(.get, "customers").status == 200)
        #expect(lenient.call(.get, "customers", headers: ["Client_Id": "sandbox-severa-client"]).status == 200)
        SeveraTestHarness.expectError(
            lenient.call(.get, "customers", headers: ["Client_Id": "someone-else"]), status: 401,
            type: "AuthenticationRequired", name: "Client_Id")
        let strict = try SeveraTestHarness(configuration: .init(rateLimit: nil, requireClientIdHeader: true))
        SeveraTestHarness.expectError(
            strict.call(.get, "customers"), status: 401, type: "AuthenticationRequired", name: "Client_Id")
        #expect(strict.call(.get, "customers", headers: ["client_id": "sandbox-severa-client"]).status == 200)
    }

    @Test func heartbeatsAnswerWithoutAndWithAuthentication() throws {
        let harness = try SeveraTestHarness()
        let server = SeveraTestHarness.send(harness.emulator, .get, "/rest-api/heartbeat/server")
        #expect(server.status == 200)
        #expect(String(decoding: server.body, as: UTF8.self) == "Server is alive.")
        #expect(SeveraTestHarness.send(harness.emulator, .get, "/rest-api/heartbeat/authorized").status == 401)
        let authorized = SeveraTestHarness.send(
            harness.emulator, .get, "/rest-api/heartbeat/authorized",
            headers: ["Authorization": "Bearer \(harness.accessToken)"])
        #expect(authorized.status == 204)
    }

    @Test func unknownRoutesAre404WithoutBody() throws {
        let harness = try SeveraTestHarness()
        for path in ["/v1/customers", "/rest-api/v2/customers", "/rest-api/v1/nothing"] {
            let response = SeveraTestHarness.send(harness.emulator, .get, path)
            #expect(response.status == 404, "\(path)")
            #expect(response.body.isEmpty)
        }
    }
}
