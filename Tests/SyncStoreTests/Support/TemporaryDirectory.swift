import Foundation

/// A directory of its own for one test, removed when the test lets go of it.
final class TemporaryDirectory {
    /// The directory's path.
    let path: String

    /// Creates a new, empty directory under the system's temporary directory.
    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("SyncStoreTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The path of `name` inside the directory.
    func file(_ name: String) -> String {
        path + "/" + name
    }

    /// The path of a state database inside the directory.
    var databasePath: String { file("state.sqlite") }
}
