// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every target: Swift 6 language mode plus the upcoming
/// features that keep imports and existentials explicit.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

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
        .target(name: "SyncStore", dependencies: ["SyncCore", "CSQLite"], swiftSettings: strictSettings),
        .target(name: "HTTPSupport", dependencies: ["JSONSupport"], swiftSettings: strictSettings),
        .target(name: "Sandbox", dependencies: ["JSONSupport", "HTTPSupport"], swiftSettings: strictSettings),
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
        .target(
            name: "BryggaCLI",
            dependencies: [
                "JSONSupport", "SyncCore", "SyncStore", "HTTPSupport", "Sandbox", "SeveraConnector",
                "FortnoxConnector",
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "brygga", dependencies: ["BryggaCLI"], swiftSettings: strictSettings),
        .executableTarget(
            name: "brygga-bench",
            dependencies: [
                "JSONSupport", "SyncCore", "SyncStore", "HTTPSupport", "Sandbox", "SeveraConnector",
                "FortnoxConnector", "BryggaCLI",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "JSONSupportTests", dependencies: ["JSONSupport"], swiftSettings: strictSettings),
        .testTarget(name: "SyncCoreTests", dependencies: ["SyncCore", "JSONSupport"], swiftSettings: strictSettings),
        .testTarget(
            name: "SyncStoreTests", dependencies: ["SyncStore", "SyncCore", "JSONSupport"],
            swiftSettings: strictSettings),
        .testTarget(
            name: "HTTPSupportTests",
            dependencies: ["HTTPSupport", "JSONSupport", "Sandbox"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SandboxTests",
            dependencies: ["Sandbox", "HTTPSupport", "JSONSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ConnectorTests",
            dependencies: ["SeveraConnector", "FortnoxConnector", "SyncCore", "HTTPSupport", "Sandbox", "JSONSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BryggaCLITests",
            dependencies: [
                "BryggaCLI", "SyncCore", "SyncStore", "Sandbox", "HTTPSupport", "JSONSupport", "SeveraConnector",
                "FortnoxConnector",
            ],
            swiftSettings: strictSettings
        ),
    ]
)
