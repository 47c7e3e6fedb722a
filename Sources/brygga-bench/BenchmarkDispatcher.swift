import Foundation

/// Chooses the benchmark named by the first argument, handles `--help`, maps errors to exit codes
/// (0 success, 1 failure, 64 usage).
struct BenchmarkDispatcher {
    let benchmarks: [any Benchmark.Type]

    /// Runs the benchmark named in `arguments` (without the program name); returns the exit status.
    func run(_ arguments: [String]) -> Int32 {
        guard let name = arguments.first, name != "--help", name != "-h", name != "help" else {
            print(overview)
            return arguments.isEmpty ? 64 : 0
        }
        guard let benchmark = benchmarks.first(where: { $0.name == name }) else {
            printError("unknown benchmark \"\(name)\"\n\n\(overview)")
            return 64
        }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h") {
            print(help(for: benchmark))
            return 0
        }
        do throws(BenchmarkError) {
            try benchmark.run(
                options: try BenchmarkOptions(
                    parsing: rest, allowed: benchmark.valueOptions, flags: benchmark.flagOptions))
            return 0
        } catch {
            printError(
                "brygga-bench \(name): \(error.message)" + (error.isUsageError ? "\n\n\(help(for: benchmark))" : ""))
            return error.isUsageError ? 64 : 1
        }
    }

    private var overview: String {
        let width = benchmarks.map { $0.name.count }.max() ?? 0
        let lines = benchmarks.map {
            "  \($0.name.padding(toLength: width + 2, withPad: " ", startingAt: 0))\($0.summary)"
        }
        return "usage: brygga-bench <benchmark> [options]\n\nbenchmarks:\n" + lines.joined(separator: "\n")
            + "\n\nRun a release build: swift build -c release --product brygga-bench"
    }

    private func help(for benchmark: any Benchmark.Type) -> String {
        "usage: brygga-bench \(benchmark.name) [options]\n\n\(benchmark.summary)\n\noptions:\n\(benchmark.optionsHelp)"
    }

    private func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
