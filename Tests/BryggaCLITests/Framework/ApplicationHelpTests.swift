import BryggaCLI
import Testing

@Suite struct ApplicationHelpTests {
    /// Every command in the real tree with its path, e.g. `["init"]`.
    private static func allCommandPaths() -> [[String]] {
        func walk(_ command: any Command, _ path: [String]) -> [[String]] {
            [path] + command.subcommands.flatMap { walk($0, path + [$0.name]) }
        }
        return BryggaApplication.root.subcommands.flatMap { walk($0, [$0.name]) }
    }

    private func run(_ words: [String]) async -> (ExitCode, CapturingConsole) {
        let console = CapturingConsole()
        let code = await BryggaApplication.run(
            arguments: words, environment: [:], currentDirectory: "/nonexistent", console: console
        )
        return (code, console)
    }

    @Test func everyCommandHasASoundSignature() {
        func check(_ command: any Command) {
            #expect(command.signature.problem == nil, "\(command.name): \(command.signature.problem ?? "")")
            #expect(command.summary.hasSuffix("."), "\(command.name)'s summary is a sentence")
            command.subcommands.forEach(check)
        }
        check(BryggaApplication.root)
    }

    @Test func everyHelpFitsEightyColumnsAndListsEveryOption() async {
        for path in Self.allCommandPaths() + [[]] {
            let (code, console) = await run(["help"] + path)
            #expect(code == .success)
            let help = console.output
            for line in help.split(separator: "\n") {
                #expect(line.count <= 80, "help \(path): \"\(line)\"")
            }
            var command: any Command = BryggaApplication.root
            for word in path { command = command.subcommands.first { $0.name == word } ?? command }
            for option in command.signature.options { #expect(help.contains("--\(option.name)")) }
            #expect(help.contains("-h, --help"))
        }
    }

    @Test func helpCommandAndHelpOptionAgree() async {
        for path in Self.allCommandPaths() {
            let (_, viaCommand) = await run(["help"] + path)
            let (code, viaOption) = await run(path + ["--help"])
            #expect(code == .success)
            #expect(viaCommand.output == viaOption.output)
        }
    }

    @Test func topLevelHelpDocumentsEveryExitCode() async {
        let (_, console) = await run(["--help"])
        for (code, meaning) in ExitCode.documented {
            #expect(console.output.contains("\(code.rawValue)"), "exit code \(code)")
            #expect(console.output.contains(meaning.prefix(30)), "meaning of \(code)")
        }
        #expect(console.output.contains("init"))
    }

    @Test func helpForAnUnknownCommandIsAUsageError() async {
        let (code, console) = await run(["help", "frobnicate"])
        #expect(code == .usage)
        #expect(console.errorOutput == "brygga: no help for unknown command \"frobnicate\"\nsee 'brygga help'\n")
    }
}
