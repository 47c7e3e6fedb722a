/// `brygga sandbox`: the emulated Severa and Fortnox APIs, for trying Brygga and for tests.
enum SandboxCommand {
    /// The `sandbox` group.
    static let group = CommandGroup(
        name: "sandbox",
        summary: "Run emulated Severa and Fortnox APIs with sample data.",
        discussion: "The emulators behave like the real APIs (OAuth, rate limits, paging, errors) and hold "
            + "generated Nordic sample data, including a few deliberately bad records that exercise Brygga's rules.",
        subcommands: [SandboxServeCommand()]
    )
}
