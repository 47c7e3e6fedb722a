import Foundation

// Dispatches `brygga-bench <benchmark> [options]`; each benchmark lives in its own file.
let dispatcher = BenchmarkDispatcher(benchmarks: [
    SandboxBenchmark.self, ConnectorsBenchmark.self, EngineBenchmark.self, NewStateBenchmark.self,
    InvoicesBenchmark.self, LogSizeBenchmark.self, RequestsBenchmark.self, SoakBenchmark.self,
])
exit(dispatcher.run(Array(CommandLine.arguments.dropFirst())))
