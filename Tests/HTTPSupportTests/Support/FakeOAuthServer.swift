import Foundation
import HTTPSupport
import JSONSupport
import SandboxKit
import Synchronization

/// A fault the fake servers inject into their next token request.
enum TokenFault: Sendable {
    /// The connection is refused before anything is sent.
    case refuseConnection
    /// 429 with `Retry-After`, request not processed.
    case rateLimit(seconds: Int)
    /// The request is processed (tokens rotate), then the response is lost.
    case loseResponseAfterProcessing
    /// The request is processed, then the server answers 500.
    case failAfterProcessing
    /// The server answers 503 without processing.
    case unavailable
    /// The server answers 200 with a body that is not JSON but contains the tokens.
    case garbleTokens
}

/// The secrets, faults and request log shared by the fake Fortnox and Severa servers.
final class FakeServerState: Sendable {
    private struct State {
        var faults: [TokenFault] = []
        var presentedRefreshTokens: [String] = []
        var tokenRequests = 0
        var secrets: [String] = []
    }

    private let state = Mutex(State())

    func inject(_ faults: TokenFault...) { state.withLock { $0.faults += faults } }

    func nextFault() -> TokenFault? {
        state.withLock { $0.faults.isEmpty ? nil : $0.faults.removeFirst() }
    }

    func countTokenRequest() { state.withLock { $0.tokenRequests += 1 } }

    func presented(refreshToken: String) { state.withLock { $0.presentedRefreshTokens.append(refreshToken) } }

    func remember(secret: String) { state.withLock { $0.secrets.append(secret) } }

    /// Token requests that reached the server.
    var tokenRequests: Int { state.withLock { $0.tokenRequests } }

    /// Every refresh token presented, in order.
    var presentedRefreshTokens: [String] { state.withLock { $0.presentedRefreshTokens } }

    /// Refresh tokens presented more than once.
    var reusedRefreshTokens: [String] {
        let presented = presentedRefreshTokens
        return Set(presented.filter { token in presented.filter { $0 == token }.count > 1 }).sorted()
    }

    /// Every secret the server issued or was configured with.
    var secrets: [String] { state.withLock { $0.secrets } }

    /// Applies a fault that happens before processing, if the next one is such.
    func faultBeforeProcessing(_ fault: TokenFault?) -> ScriptedTransport.Outcome? {
        switch fault {
        case .refuseConnection?: .neverConnected
        case .rateLimit(let seconds)?: .status(429, headers: ["Retry-After": "\(seconds)"])
        case .unavailable?: .status(503, body: "{\"message\":\"Service Unavailable\"}")
        default: nil
        }
    }

    /// Replaces a processed answer according to a fault that happens after processing.
    func faultAfterProcessing(_ fault: TokenFault?, _ answer: ScriptedTransport.Outcome) -> ScriptedTransport.Outcome {
        switch fault {
        case .loseResponseAfterProcessing?: return .lostResponse
        case .failAfterProcessing?: return .status(500, body: "{\"message\":\"Internal Server Error\"}")
        case .garbleTokens?:
            guard case .success(let response) = answer else { return answer }
            let text = String(decoding: response.body, as: UTF8.self)
            return .status(200, body: "<html>" + String(text.dropLast(3)))
        default: return answer
        }
    }
}

/// Reads an `application/x-www-form-urlencoded` body.
func formFields(_ body: Data) -> [String: String] {
    var fields: [String: String] = [:]
    for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
            String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
        }
        fields[parts[0]] = parts.count > 1 ? parts[1] : ""
    }
    return fields
}

/// The JSON body of an issued token set, Fortnox style.
func tokenResponse(_ tokens: GrantedTokens, expiresIn: Int = 3600) -> ScriptedTransport.Outcome {
    var body: [String: JSONValue] = [
        "access_token": .string(tokens.accessToken),
        "scope": .string(tokens.scopes.sorted().joined(separator: " ")),
        "expires_in": .number(JSONNumber(expiresIn)),
        "token_type": "bearer",
    ]
    if let refresh = tokens.refreshToken { body["refresh_token"] = .string(refresh) }
    return .success(.json(200, .object(body)))
}
