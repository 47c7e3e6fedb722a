import Notify

/// The e-mail part of `brygga check` (O5): warns when nobody is mailed about failures, and tests the
/// transport without sending mail (the sendmail program is executable; the SMTP relay greets).
package struct NotifyPreflight {
    /// Where the section is printed.
    let console: any Console

    /// Creates the check, printing to `console`.
    package init(console: any Console) {
        self.console = console
    }

    /// Prints the section.
    ///
    /// - Parameter settings: The `notify` settings.
    /// - Returns: `false` when the transport does not work (a failed check), else `true`; a missing
    ///   address is a warning only.
    package func report(_ settings: NotifySettings) async -> Bool {
        guard settings.isConfigured else {
            console.print(
                "E-mail (O5): warning: notify.to lists no address, so nobody hears about failed records or a "
                    + "stopped run. Setting one is strongly recommended; then run 'brygga notify test'.")
            return true
        }
        do {
            let found = try await settings.probeTransport()
            console.print("E-mail (O5): \(found); failures go to \(settings.recipientList).")
            return true
        } catch {
            console.print(
                "E-mail (O5): failed: \(error.message). Failures cannot be mailed to \(settings.recipientList).")
            return false
        }
    }
}
