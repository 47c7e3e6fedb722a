import Foundation

/// Paths in the package checkout the tests run from.
enum PackageRoot {
    /// The directory holding `Package.swift`, found upwards from this source file.
    static func path(from file: String = #filePath) -> String? {
        var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.path
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }
}
