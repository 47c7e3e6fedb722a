import HTTPSupport
import JSONSupport
import Sandbox
import SandboxKit

/// `brygga-bench sandbox`: requests per second and latency over keep-alive loopback connections, first
/// of ``LoopbackServer`` itself (a fixed handler), then of the emulators behind it with generated data
/// (see `SandboxBenchmark+Emulators.swift`), driven by raw-socket clients in threads of this process.
enum SandboxBenchmark: Benchmark {
    static let name = "sandbox"
    static let summary = "throughput and latency of the loopback server and of the emulators behind it"
    static let optionsHelp = """
          --seconds N       how long to measure each load (default 5)
          --connections N   keep-alive connections, one client thread each (default 4)
          --customers N     regular customers generated for the emulator runs (default 100000)
          --products N      regular products generated for the emulator runs (default 20000)
          --seed N          seed of the sample data (default 1)
        """
    static let valueOptions: Set<String> = ["seconds", "connections", "customers", "products", "seed"]

    /// Answers every request with the same small, realistic Fortnox customer document.
    private struct FixedCustomerHandler: SandboxRequestHandler {
        let response: HTTPResponse = .json(
            200,
            [
                "Customer": [
                    "@url": "https://api.fortnox.se/3/customers/1042", "Active": true, "Address1": "Storgatan 1",
                    "City": "Stockholm", "CountryCode": "SE", "Currency": "SEK", "CustomerNumber": "1042",
                    "Email": "faktura@exempel.se", "Name": "Exempel AB", "OrganisationNumber": "556677-8899",
                    "Phone1": "08-123 456 78", "VATType": "SEVAT", "ZipCode": "111 22",
                    "TermsOfPayment": "30", "Type": "COMPANY", "YourReference": "Anna Andersson",
                ]
            ])

        func handle(_ request: ServerRequest) -> HandlerResult { .respond(response) }
    }

    static func run(options: BenchmarkOptions) throws(BenchmarkError) {
        let seconds = try options.integer("seconds", default: 5, range: 1...3600)
        let connections = try options.integer("connections", default: 4, range: 1...1000)
        var size = SampleDataSize.benchmark
        size.customers = try options.integer("customers", default: size.customers, range: 1...1_000_000)
        size.products = try options.integer("products", default: size.products, range: 1...1_000_000)
        let seed = try options.integer("seed", default: 1, range: 0...Int.max)
        try runFixedHandler(seconds: seconds, connections: connections)
        try runEmulators(size: size, seed: UInt64(seed), seconds: seconds, connections: connections)
    }

    /// The server alone: every request gets the same precomputed answer.
    private static func runFixedHandler(seconds: Int, connections: Int) throws(BenchmarkError) {
        let handler = FixedCustomerHandler()
        let server = LoopbackServer(
            name: "bench", handler: handler, configuration: .init(maximumConnections: max(256, connections)))
        let port: UInt16
        do { port = try server.start() } catch { throw .failed(error.description) }
        defer { server.stop() }
        let request = getRequest("/3/customers/1042", port: port, headers: ["Authorization: Bearer bench-token"])
        let measurement = measure(port: port, requests: [request], seconds: seconds, connections: connections)
        report("sandbox loopback server (fixed handler)", measurement, bodyBytes: handler.response.body.count)
        print(machineLine())
    }
}
