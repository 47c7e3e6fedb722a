import BryggaCLI
import Testing

@Suite struct CommandDispatcherTests {
    @Test func runsNestedSubcommandsWithTheirArguments() async {
        let (code, console) = await dispatch(["sandbox", "serve", "--from", "fortnox", "--loud", "a", "b"])
        #expect(code == .success)
        #expect(console.output == "brygga sandbox serve from=fortnox loud=true a b\n")
        #expect(console.errorOutput.isEmpty)
    }

    @Test func printsTheVersion() async {
        let (code, console) = await dispatch(["--version"])
        #expect(code == .success)
        #expect(console.output == "brygga 9.9.9\n")
    }

    @Test func answersHelpAnywhereBeforeTheTerminator() async {
        for words in [["echo", "--help"], ["echo", "x", "-h"], ["sandbox", "serve", "--from", "severa", "--help"]] {
            let (code, console) = await dispatch(words)
            #expect(code == .success)
            #expect(console.output.hasPrefix("Usage: brygga "))
            #expect(console.output.contains("--from SIDE"))
        }
        let (code, console) = await dispatch(["echo", "--", "--help"])
        #expect(code == .success)
        #expect(console.output.hasSuffix(" --help\n"))
    }

    @Test func refusesAnUnknownCommandWithASuggestion() async {
        let (code, console) = await dispatch(["ecko"])
        #expect(code == .usage)
        #expect(console.errorOutput == "brygga: unknown command \"ecko\" (did you mean \"echo\"?)\nsee 'brygga help'\n")
        #expect(console.output.isEmpty)
    }

    @Test func refusesAnUnknownSubcommandNamingTheGroup() async {
        let (code, console) = await dispatch(["sandbox", "serv"])
        #expect(code == .usage)
        #expect(
            console.errorOutput
                == "brygga: unknown command \"serv\" for 'brygga sandbox' (did you mean \"serve\"?)\n"
                + "see 'brygga sandbox --help'\n"
        )
    }

    @Test func asksForTheSubcommandOfAGroup() async {
        let (code, console) = await dispatch(["sandbox"])
        #expect(code == .usage)
        #expect(console.errorOutput == "brygga: 'brygga sandbox' needs a command: serve\nsee 'brygga sandbox --help'\n")
    }

    @Test func showsTheHelpOnStandardErrorWhenNoCommandIsGiven() async {
        let (code, console) = await dispatch([])
        #expect(code == .usage)
        #expect(console.errorOutput.hasPrefix("Usage: brygga <command>"))
        #expect(console.output.isEmpty)
    }

    @Test func reportsABadOptionValueWithTheCommandsHelpHint() async {
        let (code, console) = await dispatch(["echo", "--from", "visma"])
        #expect(code == .usage)
        #expect(
            console.errorOutput
                == "brygga: option --from expects one of \"severa\", \"fortnox\", found \"visma\"\n"
                + "see 'brygga echo --help'\n"
        )
    }

    @Test func turnsAThrownFailureIntoItsMessageAndExitCode() async {
        let (code, console) = await dispatch(["fail"])
        #expect(code == .partialFailure)
        #expect(console.errorOutput == "brygga: 2 items failed\n")
    }

    @Test func reportsAnUnexpectedErrorAsInternal() async {
        struct Surprise: Error {}
        let (code, console) = await dispatch(["fail"], with: fakeDispatcher(failure: Surprise()))
        #expect(code == .internalError)
        #expect(console.errorOutput.hasPrefix("brygga: internal error: "))
    }
}
