import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file's bytes and modification time, to show that opening it changed nothing.
struct FileFingerprint: Equatable {
    /// The file's content.
    let bytes: Data
    /// Seconds of the modification time.
    let modifiedSeconds: Int
    /// Nanoseconds of the modification time.
    let modifiedNanoseconds: Int

    /// The fingerprint of the file at `path`.
    init(path: String) throws {
        bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        var info = stat()
        guard stat(path, &info) == 0 else { throw CocoaError(.fileReadUnknown) }
        #if canImport(Darwin)
            modifiedSeconds = info.st_mtimespec.tv_sec
            modifiedNanoseconds = info.st_mtimespec.tv_nsec
        #else
            modifiedSeconds = info.st_mtim.tv_sec
            modifiedNanoseconds = info.st_mtim.tv_nsec
        #endif
    }
}

/// The permission bits (e.g. `0o600`) of the file at `path`.
func permissions(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
}
