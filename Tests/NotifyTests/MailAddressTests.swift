import Notify
import Testing

@Suite struct MailAddressTests {
    @Test(
        arguments: [
            ("ekonomi@firma.se", "ekonomi@firma.se", nil),
            ("  a.b+brygga@sub.firma-ab.se ", "a.b+brygga@sub.firma-ab.se", nil),
            ("root@localhost", "root@localhost", nil),
            ("Ekonomi <ekonomi@firma.se>", "ekonomi@firma.se", "Ekonomi"),
            ("\"Åsa Öberg, ekonomi\" <asa@firma.se>", "asa@firma.se", "Åsa Öberg, ekonomi"),
        ] as [(String, String, String?)])
    func parsesAddressesWithAndWithoutAName(text: String, address: String, name: String?) throws {
        let parsed = try MailAddress(parsing: text)
        #expect(parsed.address == address)
        #expect(parsed.displayName == name)
    }

    @Test(arguments: [
        ("", "it is empty"),
        ("ekonomi", "it has no @"),
        ("a@b@c.se", "it has more than one @"),
        ("@firma.se", "it needs 1 to 64 characters before the @"),
        ("a..b@firma.se", "the part before the @ has a character that is not allowed there, or stray dots"),
        ("eko nomi@firma.se", "the part before the @ has a character that is not allowed there, or stray dots"),
        ("ekonomi@", "the domain after the @ is not a host name such as firma.se"),
        ("ekonomi@firma..se", "the domain after the @ is not a host name such as firma.se"),
        ("ekonomi@-firma.se", "the domain after the @ is not a host name such as firma.se"),
        ("åsa@firma.se", "only ASCII addresses are supported (write an international domain in its xn-- form)"),
        ("Ekonomi <ekonomi@firma.se", "a name must be followed by the address in <…>"),
        ("Eko\"nomi <ekonomi@firma.se>", "the name may not contain quotes, backslashes or line breaks"),
    ])
    func refusesWhatIsNotAnAddressSayingWhy(text: String, problem: String) {
        let error = #expect(throws: MailAddressError.self) { try MailAddress(parsing: text) }
        #expect(error?.problem == problem)
        #expect(error?.description == "\"\(text)\" is not a usable e-mail address: \(problem)")
    }
}
