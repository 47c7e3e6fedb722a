import BryggaCLI
import Testing

@Suite struct CommandLineParserTests {
    /// A signature with every kind of option and positional.
    private let signature = CommandSignature(
        options: [
            .config,
            .flag("force", help: "Force."),
            .single("limit", valueName: "N", help: "Limit."),
            .repeated("entity", valueName: "NAME", help: "Entity."),
        ],
        positionals: [
            PositionalSpec("SIDE", help: "The side."),
            PositionalSpec("MORE", arity: .variadic, help: "More."),
        ]
    )

    private func parse(_ words: [String], signature: CommandSignature? = nil) throws(UsageError) -> ParsedArguments {
        try CommandLineParser.parse(words, signature: signature ?? self.signature, commandPath: ["brygga", "test"])
    }

    @Test func readsFlagsOptionsAndPositionals() throws {
        let parsed = try parse(["severa", "--force", "--config", "a.json", "--entity=x", "--entity", "y", "tail"])
        #expect(parsed.flag("force"))
        #expect(parsed.value("config") == "a.json")
        #expect(parsed.value("limit") == nil)
        #expect(parsed.values("entity") == ["x", "y"])
        #expect(parsed.positional("SIDE") == "severa")
        #expect(parsed.positionals("MORE") == ["tail"])
    }

    @Test func leavesAbsentFlagsUnset() throws {
        let parsed = try parse(["fortnox"])
        #expect(!parsed.flag("force"))
        #expect(parsed.values("entity").isEmpty)
        #expect(parsed.positionals("MORE").isEmpty)
    }

    @Test func treatsEverythingAfterTheTerminatorAsPositional() throws {
        let parsed = try parse(["--", "--force", "-x", "--config=y"])
        #expect(parsed.positional("SIDE") == "--force")
        #expect(parsed.positionals("MORE") == ["-x", "--config=y"])
        #expect(!parsed.flag("force"))
    }

    @Test func acceptsAValueStartingWithADashOnlyAfterAnEqualsSign() throws {
        let parsed = try parse(["s", "--limit=-1"])
        #expect(parsed.value("limit") == "-1")
        #expect(throws: UsageError("option --limit expects a value (N)", commandPath: ["brygga", "test"])) {
            try parse(["s", "--limit", "-1"])
        }
    }

    @Test func takesALoneDashAsPositional() throws {
        #expect(try parse(["-"]).positional("SIDE") == "-")
    }

    @Test(arguments: [
        (["s", "--frce"], "unknown option --frce (did you mean --force?)"),
        (["s", "--bogus=1"], "unknown option --bogus"),
        (["s", "-f"], "unknown option -f"),
        (["s", "--config"], "option --config expects a value (PATH)"),
        (["s", "--config", "--force"], "option --config expects a value (PATH)"),
        (["s", "--config="], "option --config expects a value (PATH), found \"\""),
        (["s", "--force=yes"], "option --force takes no value, found \"yes\""),
        (["s", "--limit", "1", "--limit", "2"], "option --limit is given more than once"),
        ([], "missing argument SIDE"),
    ])
    func reportsEachMistakeNamingTheOption(words: [String], message: String) {
        #expect(throws: UsageError(message, commandPath: ["brygga", "test"])) { try parse(words) }
    }

    @Test func refusesExtraPositionals() {
        let single = CommandSignature(positionals: [PositionalSpec("ONE", arity: .optional, help: "One.")])
        #expect(throws: UsageError("unexpected argument \"b\"", commandPath: ["brygga", "test"])) {
            try parse(["a", "b"], signature: single)
        }
    }

    @Test func refusesAMissingRequiredOption() {
        let required = CommandSignature(options: [.single("from", valueName: "SIDE", help: "From.", required: true)])
        #expect(throws: UsageError("missing option --from SIDE", commandPath: ["brygga", "test"])) {
            try parse([], signature: required)
        }
    }

    @Test func convertsValuesAndNamesTheExpectationWhenTheyAreBad() throws {
        let parsed = try parse(["s", "--limit", "ten", "--config", "x"])
        #expect(
            throws: UsageError(
                "option --limit expects a whole number from 1 to 100, found \"ten\"", commandPath: ["brygga", "test"])
        ) {
            try parsed.integer("limit", in: 1...100)
        }
        #expect(
            throws: UsageError(
                "option --config expects one of \"a\", \"b\", found \"x\"", commandPath: ["brygga", "test"])
        ) {
            try parsed.choice("config", among: ["a", "b"])
        }
        #expect(try parse(["s", "--limit=7"]).integer("limit", in: 1...100) == 7)
        #expect(try parse(["s"]).integer("limit", in: 1...100) == nil)
    }

    @Test func spotsUnsoundSignatures() {
        #expect(signature.problem == nil)
        let variadicFirst = CommandSignature(positionals: [
            PositionalSpec("A", arity: .variadic, help: ""), PositionalSpec("B", help: ""),
        ])
        #expect(variadicFirst.problem != nil)
        let requiredAfterOptional = CommandSignature(positionals: [
            PositionalSpec("A", arity: .optional, help: ""), PositionalSpec("B", help: ""),
        ])
        #expect(requiredAfterOptional.problem != nil)
        #expect(CommandSignature(options: [.flag("help", help: "")]).problem != nil)
    }
}
