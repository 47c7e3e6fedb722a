import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A change to an operator's configuration file that keeps the file as the operator set it up.
///
/// The file behind every symbolic link is the one rewritten (so a link from `/etc/brygga/brygga.json`
/// into a managed directory stays a link), atomically by ``AtomicFileWriter`` in that file's own
/// directory, with the mode it had and, as far as the process may set them, its owner and group. A
/// hard link's other names are not kept: they go on naming the old contents.
struct ConfigurationFileEdit {
    /// The path the edit was asked for.
    let path: String
    /// The file written: `path` with every symbolic link resolved.
    let target: String
    /// Whether the contents changed (an edit that changes nothing writes nothing).
    let changed: Bool
    /// The owner and group the file had.
    let ownerBefore: FileOwner
    /// The owner and group the file has now.
    let ownerAfter: FileOwner

    /// Rewrites the file at `path` (or the file its links lead to) with `transform` of its text.
    ///
    /// - Parameters:
    ///   - path: The configuration file, possibly a symbolic link.
    ///   - transform: The new text for the old.
    /// - Returns: What was done.
    /// - Throws: ``FileSystemError`` naming the file and the step that failed.
    static func apply(to path: String, _ transform: (String) -> String) throws(FileSystemError)
        -> ConfigurationFileEdit
    {
        let target = try resolvingLinks(path)
        let file = try LocalFile.read(target)
        guard let text = String(validating: Array(file.contents), as: UTF8.self) else {
            throw FileSystemError(path: target, operation: "read", code: EILSEQ, detail: "it is not UTF-8 text")
        }
        let before = FileOwner(user: file.owner, group: file.group)
        let edited = transform(text)
        guard edited != text else {
            return ConfigurationFileEdit(
                path: path, target: target, changed: false, ownerBefore: before, ownerAfter: before)
        }
        let after = try AtomicFileWriter.write(
            Data(edited.utf8), to: target, replacing: true, mode: file.mode & 0o7777, owner: before)
        return ConfigurationFileEdit(path: path, target: target, changed: true, ownerBefore: before, ownerAfter: after)
    }

    /// What the operator should know beyond the result: that the file's owner or group could not be
    /// kept, with the command that restores them; `nil` when nothing needs saying.
    var ownershipWarning: String? {
        guard ownerAfter != ownerBefore else { return nil }
        return "\(target) now belongs to uid \(ownerAfter.user), gid \(ownerAfter.group) "
            + "(it belonged to uid \(ownerBefore.user), gid \(ownerBefore.group); only root can give a file away); "
            + "to restore it run as root: chown \(ownerBefore.user):\(ownerBefore.group) \(target)"
    }

    /// `path` with every symbolic link resolved (`realpath(3)`).
    private static func resolvingLinks(_ path: String) throws(FileSystemError) -> String {
        guard let resolved = realpath(path, nil) else {
            throw FileSystemError(path: path, operation: "read", code: errno)
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
