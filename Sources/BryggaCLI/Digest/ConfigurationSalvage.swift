import Foundation
import JSONSupport
import SyncCore

/// What the failure digest can still read from a configuration file that does not load (exit 78), so
/// that a broken key elsewhere in it is mailed (O5): the `notify` section, `enabled` and the state
/// database's path. A file that is not JSON, or whose `notify` key is itself the problem, yields
/// nothing: there is nobody known to mail.
struct ConfigurationSalvage {
    /// The `notify` section.
    let notify: NotifySettings
    /// The state database's path.
    let stateDatabasePath: String

    /// Salvages the file at `path`, which failed to load with `error`; `nil` when the digest cannot be
    /// sent (the file is unreadable or not JSON, `notify` is broken or names nobody, runs are disabled).
    static func read(path: String, failure error: ConfigurationError) -> ConfigurationSalvage? {
        let aboutThisFile = error.file == path
        guard !aboutThisFile || !(error.keyPath.hasPrefix("notify") || error.keyPath.hasPrefix("stateDatabase")),
            let file = try? LocalFile.read(path), let document = try? JSONDocument.parse(file.contents, file: path),
            let keys = document.objectValue?.keys,
            let top = try? JSONObjectReader(document, file: path, allowedKeys: Array(keys))
        else { return nil }
        let decoder = ConfigurationDecoder(file: path, directory: POSIX.directory(of: path))
        guard document["enabled"]?.boolValue != false,
            let notify = try? decoder.decodeNotify(top), notify.isConfigured,
            let database = try? decoder.path(top, "stateDatabase")
                ?? decoder.resolve(ConfigurationDefaults.stateDatabase)
        else { return nil }
        return ConfigurationSalvage(notify: notify, stateDatabasePath: database)
    }
}
