/// Lexical path handling: making paths absolute and tidy without touching the file system.
enum FilePaths {
    /// `path` made absolute against `directory`, with `.` and `..` components and repeated slashes removed.
    ///
    /// - Parameters:
    ///   - path: An absolute or relative path.
    ///   - directory: An absolute directory.
    /// - Returns: The absolute, tidied path.
    static func resolve(_ path: String, against directory: String) -> String {
        let joined = path.hasPrefix("/") ? path : directory + "/" + path
        var components: [Substring] = []
        for component in joined.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        return "/" + components.joined(separator: "/")
    }
}
