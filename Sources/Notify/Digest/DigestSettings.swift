package import Foundation

/// How digests are written and when still-failing items are mailed again.
package struct DigestSettings: Sendable, Hashable {
    /// Put before every subject, e.g. `[Brygga]`; empty for none.
    package var subjectPrefix: String
    /// Hours after its last mail before a still-failing item is mailed in full again; `nil` for never.
    package var remindAfterHours: Int?
    /// The time zone the mail's times are written in.
    package var timeZone: TimeZone
    /// The configuration file, for the `brygga log --config …` commands the mail suggests.
    package var configurationPath: String?
    /// The machine Brygga runs on, named in the mail's footer.
    package var hostName: String?

    /// Creates settings.
    package init(
        subjectPrefix: String = "[Brygga]", remindAfterHours: Int? = nil, timeZone: TimeZone = .current,
        configurationPath: String? = nil, hostName: String? = nil
    ) {
        self.subjectPrefix = subjectPrefix
        self.remindAfterHours = remindAfterHours
        self.timeZone = timeZone
        self.configurationPath = configurationPath
        self.hostName = hostName
    }

    /// The reminder interval in seconds.
    var remindAfter: TimeInterval? { remindAfterHours.map { TimeInterval($0) * 3600 } }
}
