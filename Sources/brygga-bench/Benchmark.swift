/// One `brygga-bench` subcommand. To add a benchmark, write a type conforming to this protocol in
/// its own file and list it in `main.swift`.
protocol Benchmark {
    /// The subcommand name, e.g. `sandbox`.
    static var name: String { get }
    /// One line for the overview.
    static var summary: String { get }
    /// The options, one per line, for `brygga-bench NAME --help`.
    static var optionsHelp: String { get }
    /// The option names (without `--`) that take a value.
    static var valueOptions: Set<String> { get }
    /// The switches (without `--`) that take no value; none unless a benchmark says so.
    static var flagOptions: Set<String> { get }

    /// Runs the benchmark and prints its figures to standard output.
    ///
    /// - Parameter options: The parsed `--name value` options.
    /// - Throws: ``BenchmarkError`` for bad options or a failure to set up.
    static func run(options: BenchmarkOptions) throws(BenchmarkError)
}

extension Benchmark {
    static var flagOptions: Set<String> { [] }
}

/// Why a benchmark could not run.
struct BenchmarkError: Error, CustomStringConvertible {
    /// Whether the user gave bad arguments (exit 64) rather than the benchmark failing (exit 1).
    var isUsageError: Bool
    /// What went wrong.
    var message: String

    var description: String { message }

    /// A bad-argument error.
    static func usage(_ message: String) -> BenchmarkError {
        BenchmarkError(isUsageError: true, message: message)
    }

    /// A set-up failure.
    static func failed(_ message: String) -> BenchmarkError {
        BenchmarkError(isUsageError: false, message: message)
    }
}
