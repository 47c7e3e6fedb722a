import HTTPSupport
import Testing

@Suite struct SecretRedactorTests {
    @Test func replacesRegisteredSecretsInEverySpelling() {
        let redactor = SecretRedactor(secrets: ["a/b+c=d\"e"])
        let raw = redactor.redact("token a/b+c=d\"e here")
        #expect(raw == "token [redacted] here")
        #expect(redactor.redact("refresh=a%2Fb%2Bc%3Dd%22e&x=1").contains("[redacted]&x=1"))
        #expect(!redactor.redact("{\"t\":\"a\\/b+c=d\\\"e\"}").contains("b+c"))
    }

    @Test func replacesLongerSecretsBeforeTheirPrefixes() {
        let redactor = SecretRedactor(secrets: ["abcdefgh", "abcdefgh-ijkl"])
        #expect(redactor.redact("x abcdefgh-ijkl y") == "x [redacted] y")
    }

    @Test func redactsSecretShapedValuesNeverRegistered() {
        let redactor = SecretRedactor()
        let text = """
            Authorization: Bearer eyJhbGciOi.payload.sig Basic Y2xpZW50OnNlY3JldA== \
            {"access_token":"AT-1","refresh_token" : "RT-1","scope":"invoice"} \
            grant_type=refresh_token&refresh_token=RT-2&client_secret=CS-3&code=CODE-4
            """
        let redacted = redactor.redact(text)
        for secret in ["eyJhbGciOi", "Y2xpZW50OnNlY3JldA", "AT-1", "RT-1", "RT-2", "CS-3", "CODE-4"] {
            #expect(!redacted.contains(secret), "\(secret) leaked: \(redacted)")
        }
        #expect(redacted.contains("\"scope\":\"invoice\""))
        #expect(redacted.contains("grant_type=refresh_token"))
    }

    @Test func ignoresStringsTooShortToBeSecrets() {
        let redactor = SecretRedactor(secrets: ["", "t", "secret7"])
        #expect(redactor.redact("nothing secret7 here") == "nothing secret7 here")
    }
}
