import HTTPSupport
public import SyncCore

/// A loaded, validated `brygga.json`, with every default filled in, every path absolute and the
/// mappings merged; secrets are loaded separately (``ClientSecrets``).
public struct BryggaConfiguration: Sendable, Hashable {
    /// The configuration version this Brygga reads.
    public static let supportedVersion = 1
    /// The configuration file's default name, in the working directory.
    public static let defaultFileName = "brygga.json"

    /// The configuration file (absolute).
    public var file: String
    /// Whether runs do anything (O2); `false` makes `brygga run` say so and exit 0.
    public var isEnabled: Bool
    /// The SQLite state database (absolute).
    public var stateDatabasePath: String
    /// The secrets file (absolute); it may not exist when the environment has the secrets.
    public var secretsFilePath: String
    /// Visma Severa.
    public var severa: SeveraSettings
    /// Fortnox.
    public var fortnox: FortnoxSettings
    /// Which entities are synchronised.
    public var flows: FlowSettings
    /// Which side wins updates.
    public var masters: MasterSettings
    /// The operator's mapping override file (absolute), if any.
    public var mappingsOverridePath: String?
    /// The shipped mappings with the override applied.
    public var mappings: MappingSet
    /// The file each run, retry and bootstrap appends its metrics line to (`metricsFile`, absolute),
    /// if any.
    public var metricsFilePath: String? = nil
    /// Who is e-mailed about failures, and how (O5).
    package var notify: NotifySettings = .defaults
    /// The invoice and paid-state flows' settings (`invoices.*`, `dimensions.*`); `nil` when neither is on.
    public var invoices: InvoiceFlowSettings?
    /// The fee flow's settings (`projectFees.*`).
    public var projectFees: ProjectFeeSettings
    /// The Fortnox token file set by `tokenFile` (absolute), or `nil` for the default beside the state
    /// database; ``tokenFilePath`` is the one in use.
    public var tokenFileSetting: String? = nil

    /// Creates a configuration (``ConfigurationLoader`` makes one from a file; `brygga demo` builds its own).
    public init(
        file: String, isEnabled: Bool, stateDatabasePath: String, secretsFilePath: String, severa: SeveraSettings,
        fortnox: FortnoxSettings, flows: FlowSettings, masters: MasterSettings, mappingsOverridePath: String?,
        mappings: MappingSet, invoices: InvoiceFlowSettings? = nil,
        projectFees: ProjectFeeSettings = ProjectFeeSettings()
    ) {
        self.file = file
        self.isEnabled = isEnabled
        self.stateDatabasePath = stateDatabasePath
        self.secretsFilePath = secretsFilePath
        self.severa = severa
        self.fortnox = fortnox
        self.flows = flows
        self.masters = masters
        self.mappingsOverridePath = mappingsOverridePath
        self.mappings = mappings
        self.invoices = invoices
        self.projectFees = projectFees
    }

    /// The flows a run executes, in flow order: the paid state (R6) runs when a paid status is set.
    public var enabledEntities: [EntityKind] {
        flows.enabledEntities(paidStatus: invoices?.paidStatus != nil)
    }

    /// The run lock, next to the state database (never the database itself; LINUX-NOTES B4).
    public var lockFilePath: String { RunLock.lockFilePath(forStateDatabase: stateDatabasePath) }

    /// The Fortnox rate window every command of this state database shares (`<stateDatabase>.ratewindow`).
    public var rateWindowFilePath: String { RateWindowFile.path(forStateDatabase: stateDatabasePath) }

    /// The owner-only file holding the Fortnox OAuth tokens: `tokenFile`, by default the state database's
    /// path with `.tokens` appended.
    public var tokenFilePath: String {
        tokenFileSetting ?? TokenFileStore.defaultPath(forStateDatabase: stateDatabasePath)
    }

    /// Takes this integration's run lock (O3); keep the returned lock until the run ends.
    ///
    /// - Throws: ``RunLockError``; when another run holds the lock it names that run's pid (exit 75).
    public func acquireRunLock() throws(RunLockError) -> RunLock {
        try RunLock.acquire(path: lockFilePath)
    }
}
