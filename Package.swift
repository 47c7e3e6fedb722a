// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode plus the upcoming
/// features that keep imports and existentials explicit.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The sandboxes: shared pieces, the two emulators, and the environment that serves them with sample data.
let sandboxTargets: [Target.Dependency] = ["SandboxKit", "FortnoxSandbox", "SeveraSandbox", "Sandbox"]

/// Everything the command line and the benchmarks put together.
let applicationTargets: [Target.Dependency] =
    ["JSONSupport", "SyncCore", "SyncStore", "HTTPSupport", "SeveraConnector", "FortnoxConnector"] + sandboxTargets

let package = Package(
    name: "Brygga",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "brygga", targets: ["brygga"]),
        .executable(name: "brygga-bench", targets: ["brygga-bench"]),
    ],
    targets: [
        .target(name: "JSONSupport", swiftSettings: strictSettings),
        .target(name: "SyncCore", dependencies: ["JSONSupport"], swiftSettings: strictSettings),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .target(name: "SyncStore", dependencies: ["SyncCore", "CSQLite", "Notify"], swiftSettings: strictSettings),
        .target(name: "HTTPSupport", dependencies: ["JSONSupport"], swiftSettings: strictSettings),
        .target(name: "SandboxKit", dependencies: ["JSONSupport", "HTTPSupport"], swiftSettings: strictSettings),
        .target(
            name: "FortnoxSandbox",
            dependencies: ["JSONSupport", "HTTPSupport", "SandboxKit"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SeveraSandbox",
            dependencies: ["JSONSupport", "HTTPSupport", "SandboxKit"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Sandbox",
            dependencies: ["JSONSupport", "HTTPSupport", "SandboxKit", "FortnoxSandbox", "SeveraSandbox"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "SeveraConnector",
            dependencies: ["SyncCore", "HTTPSupport", "JSONSupport"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FortnoxConnector",
            dependencies: ["SyncCore", "HTTPSupport", "JSONSupport"],
            swiftSettings: strictSettings
        ),
        .target(name: "Notify", swiftSettings: strictSettings),
        .target(name: "BryggaCLI", dependencies: applicationTargets + ["Notify"], swiftSettings: strictSettings),
        .executableTarget(name: "brygga", dependencies: ["BryggaCLI"], swiftSettings: strictSettings),
        .executableTarget(
            name: "brygga-bench",
            dependencies: applicationTargets + ["BryggaCLI"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "JSONSupportTests", dependencies: ["JSONSupport"], swiftSettings: strictSettings),
        .testTarget(name: "SyncCoreTests", dependencies: ["SyncCore", "JSONSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "SyncStoreTests",
            dependencies: ["SyncStore", "SyncCore", "JSONSupport", "Notify"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "HTTPSupportTests",
            dependencies: ["HTTPSupport", "JSONSupport", "SandboxKit"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SandboxKitTests",
            dependencies: ["SandboxKit", "HTTPSupport", "JSONSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FortnoxSandboxTests",
            dependencies: ["FortnoxSandbox", "SandboxKit", "HTTPSupport", "JSONSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SeveraSandboxTests",
            dependencies: ["SeveraSandbox", "SandboxKit", "HTTPSupport", "JSONSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SandboxTests",
            dependencies: ["Sandbox", "SandboxKit", "FortnoxSandbox", "SeveraSandbox", "HTTPSupport", "JSONSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConnectorTests",
            dependencies: ["SeveraConnector", "FortnoxConnector", "SyncCore", "HTTPSupport", "JSONSupport"]
                + sandboxTargets,
            swiftSettings: strictSettings
        ),
        // The real test mail server and a reader of what it stored, for NotifyTests and BryggaCLITests.
        .target(name: "MailTestSupport", path: "Tests/MailTestSupport", swiftSettings: strictSettings),
        .testTarget(name: "NotifyTests", dependencies: ["Notify", "MailTestSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "BryggaCLITests", dependencies: applicationTargets + ["BryggaCLI", "Notify", "MailTestSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "ScenarioTests",
            dependencies: ["SyncCore", "SyncStore", "SeveraConnector", "FortnoxConnector", "HTTPSupport", "JSONSupport"]
                + sandboxTargets,
            swiftSettings: strictSettings
        ),
    ]
)
