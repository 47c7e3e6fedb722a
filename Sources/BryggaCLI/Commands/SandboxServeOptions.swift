import Sandbox
import SandboxKit

/// The command line of `brygga sandbox serve`, checked and converted.
struct SandboxServeOptions: Sendable {
    /// The seed of the sample data.
    var seed: UInt64
    /// How much sample data to make (when no state is loaded).
    var size: SampleDataSize
    /// The faults to inject, if any.
    var faultPlan: FaultPlan?
    /// Whether `--severa-only` was given: customers and products seeded into Severa only, stamped over
    /// past weeks, and Fortnox left with only its registers.
    var severaOnly: Bool
    /// Whether the APIs' rate limits apply.
    var rateLimits: Bool
    /// Whether `--no-project-accounting` was given.
    var projectAccountingOff: Bool
    /// The absolute state file path, if any.
    var stateFile: String?
    /// The absolute request log path, if any.
    var requestLog: String?
    /// The absolute ready file path, if any.
    var readyFile: String?
    /// The absolute clock control file, if any (``SandboxClockControl``).
    var clockControl: String?
    /// The Fortnox port (0: any free one).
    var fortnoxPort: UInt16
    /// The Severa port (0: any free one).
    var severaPort: UInt16

    /// The options the command declares, in help order.
    static let specs: [OptionSpec] = [
        .single(
            "seed", valueName: "N",
            help: "Seed of the generated sample data (default 1); the same seed gives the same data."),
        .single(
            "size", valueName: "NAME",
            help: "Preset amount of sample data: demo (default: 50 customers, 30 products, 10 projects, 12 invoices, "
                + "6 supplier invoices), small (12/10/4/4/2) or benchmark (100000 customers, 20000 products, 1000 "
                + "projects, 1000 invoices, 500 supplier invoices)."),
        .single("customers", valueName: "N", help: "Number of regular customers (overrides --size)."),
        .single("products", valueName: "N", help: "Number of regular products (overrides --size)."),
        .single("projects", valueName: "N", help: "Number of regular projects (overrides --size)."),
        .single("invoices", valueName: "N", help: "Number of Severa customer invoices (overrides --size)."),
        .single("supplier-invoices", valueName: "N", help: "Number of Fortnox supplier invoices (overrides --size)."),
        .single(
            "faults", valueName: "SPEC",
            help: "Inject faults into the traffic (syntax above). Paths tell the APIs apart: /3/... and /oauth-v1/... "
                + "are Fortnox, /rest-api/... is Severa; each API counts its own requests for @N."),
        .flag(
            "severa-only",
            help: "Seed the --customers and --products into Severa only, with modification times a minute apart "
                + "over past weeks, and leave Fortnox empty but for its units, cost centers and suppliers (no "
                + "projects, invoices or deliberately bad records): a company about to start Brygga, as "
                + "brygga-bench engine --sandbox process uses it. Not with --state."),
        .flag(
            "no-rate-limits", help: "Switch off the APIs' rate limits (Fortnox 25 per 5 s, Severa 10 per s, per token)."
        ),
        .flag(
            "no-project-accounting",
            help: "Switch off Fortnox project accounting (after the sample supplier invoices were booked to projects)."),
        .single(
            "state", valueName: "FILE",
            help: "Load both emulators from FILE if it exists (instead of generating data), and save them to it "
                + "(mode 0600) on shutdown."),
        .single("request-log", valueName: "FILE", help: "Append one JSON line per request to FILE (mode 0600)."),
        .single(
            "ready-file", valueName: "FILE",
            help: "Once both servers listen, write FILE (mode 0600): base URLs, credentials, a fresh Fortnox "
                + "authorization code and the pid. Removed on shutdown."),
        .single(
            "clock-control", valueName: "FILE",
            help: "Run the emulators' clock ahead of the real time by the seconds written in FILE (created holding "
                + "0; replace it to move the clock), so runs minutes apart take no waiting."),
        .single(
            "fortnox-port", valueName: "PORT",
            help: "Port of the Fortnox server on 127.0.0.1 (default 0: any free port)."),
        .single(
            "severa-port", valueName: "PORT", help: "Port of the Severa server on 127.0.0.1 (default 0: any free port)."
        ),
    ]

    /// Reads the options.
    ///
    /// - Throws: ``UsageError`` (exit 64) for a bad number, size name or fault spec.
    init(_ arguments: ParsedArguments, context: CommandContext) throws(UsageError) {
        seed =
            try arguments.value("seed", expected: "a whole number from 0 to \(UInt64.max)") { UInt64($0) } ?? 1
        let presetNames = SampleDataSize.presets.map(\.name)
        var size = try arguments.choice("size", among: presetNames).flatMap(SampleDataSize.preset(named:)) ?? .demo
        let limit = 0...1_000_000
        size.customers = try arguments.integer("customers", in: limit) ?? size.customers
        size.products = try arguments.integer("products", in: limit) ?? size.products
        size.projects = try arguments.integer("projects", in: limit) ?? size.projects
        size.invoices = try arguments.integer("invoices", in: limit) ?? size.invoices
        size.supplierInvoices = try arguments.integer("supplier-invoices", in: limit) ?? size.supplierInvoices
        self.size = size
        if let spec = arguments.value("faults") {
            do {
                faultPlan = try FaultPlan.parse(spec)
            } catch {
                throw UsageError("option --faults: \(error.description)", commandPath: arguments.commandPath)
            }
        }
        severaOnly = arguments.flag("severa-only")
        rateLimits = !arguments.flag("no-rate-limits")
        projectAccountingOff = arguments.flag("no-project-accounting")
        stateFile = arguments.value("state").map(context.absolutePath)
        requestLog = arguments.value("request-log").map(context.absolutePath)
        readyFile = arguments.value("ready-file").map(context.absolutePath)
        clockControl = arguments.value("clock-control").map(context.absolutePath)
        if severaOnly, stateFile != nil {
            throw UsageError(
                "--severa-only generates fresh data; it cannot be combined with --state",
                commandPath: arguments.commandPath)
        }
        fortnoxPort = UInt16(try arguments.integer("fortnox-port", in: 0...65_535) ?? 0)
        severaPort = UInt16(try arguments.integer("severa-port", in: 0...65_535) ?? 0)
    }
}
