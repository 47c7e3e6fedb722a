extension BryggaApplication {
    /// What the manual page says beyond the commands' own declarations: the environment, the files
    /// of an installation as docs/OPERATIONS.md lays it out, and related pages.
    static var manualExtras: ManualPage.Extras {
        ManualPage.Extras(
            tagline: "keep Visma Severa and Fortnox in step",
            version: version,
            environment: [
                (ClientSecrets.severaVariable, "The Severa client secret; wins over the secrets file."),
                (ClientSecrets.fortnoxVariable, "The Fortnox client secret; wins over the secrets file."),
            ],
            files: [
                (
                    "/etc/brygga/brygga.json",
                    "The configuration (--config), readable by the service user, e.g. root:brygga 0640."
                ),
                (
                    "/etc/brygga/brygga.secrets",
                    "The client secrets, owned by the service user, mode 0600 (refused otherwise)."
                ),
                (
                    "/var/lib/brygga/",
                    "The state database (links, cursors, retry queue, transfer log) and its lock file, and the "
                        + "Fortnox token file (brygga-state.sqlite.tokens, mode 0600: a password); owned by the "
                        + "service user, mode 0700. Back up the database."
                ),
            ],
            seeAlso: ["crontab(5)", "systemd.timer(5)", "sendmail(8)", "docs/OPERATIONS.md", "docs/CONFIGURATION.md"]
        )
    }
}
