import Notify

/// `brygga notify test`: sends one test mail through the configured transport (O5).
struct NotifyTestCommand: Command {
    let name = "test"
    let summary = "Send one test mail to the notify.to addresses and say where it went."
    let discussion = """
        Sends a short mail with Swedish letters in the subject and the body through the configured \
        transport (the sendmail program, or the SMTP relay) to every address in notify.to, and \
        prints the transport, its path or host and port, and the recipients. It works while \
        "enabled" is false and does not touch the state database.

        Exit 0 when the mail system took the mail; 69 when the transport failed or refused a \
        recipient (the message gives its reply); 78 when notify.to lists no address.
        """

    var signature: CommandSignature { CommandSignature(options: [.config]) }

    func run(_ arguments: ParsedArguments, context: CommandContext) async throws -> ExitCode {
        let configuration = try context.loadConfiguration(arguments)
        let settings = configuration.notify
        guard settings.isConfigured else {
            throw CommandFailure(
                .configuration,
                "notify.to in \(configuration.file) lists no address: add at least one, e.g. "
                    + "\"notify\": { \"to\": [\"ekonomi@firma.se\"] }")
        }
        let transport = settings.makeTransport()
        let message = MailMessage(
            from: settings.sender, to: settings.recipients, subject: subject(settings), body: body(configuration))
        let receipt: MailDeliveryReceipt
        do {
            receipt = try await transport.send(message)
        } catch {
            throw CommandFailure(.unavailable, "the test mail was not sent: \(error.message)")
        }
        var line =
            "Sent a test mail from \(settings.sender.address) to \(receipt.acceptedRecipients.joined(separator: ", "))"
        line += " through \(receipt.destination)"
        context.console.print(line + (receipt.reply.map { " (it answered \"\($0)\")" } ?? "") + ".")
        guard receipt.refusedRecipients.isEmpty else {
            for refused in receipt.refusedRecipients {
                context.console.printError("\(receipt.destination) refused \(refused.address): \(refused.reply)")
            }
            return .unavailable
        }
        return .success
    }

    private func subject(_ settings: NotifySettings) -> String {
        let text = "Test mail from Brygga: å ä ö"
        return settings.subjectPrefix.isEmpty ? text : settings.subjectPrefix + " " + text
    }

    private func body(_ configuration: BryggaConfiguration) -> String {
        """
        This is a test mail from Brygga on \(LocalHost.name), sent by 'brygga notify test' for
        \(configuration.file).

        If the Swedish letters å ä ö Å Ä Ö look right here and in the subject, the failure
        digests will reach you intact: Brygga mails these addresses when records fail to
        transfer or a run stops, once per failure, and once more when it is resolved.

        """
    }
}

/// `brygga notify`: the failure e-mails (O5).
enum NotifyCommand {
    /// The `notify` group.
    static let group = CommandGroup(
        name: "notify",
        summary: "The failure e-mails (O5): send a test mail to the configured addresses.",
        subcommands: [NotifyTestCommand()]
    )
}
