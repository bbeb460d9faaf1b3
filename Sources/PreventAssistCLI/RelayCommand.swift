import ArgumentParser
import RelayCommandLine

/// `prevent-assist relay --config relay.yaml`: an alias of `prevent-assist-relay` (the relay's own executable, which
/// the DMZ host runs), kept so existing scripts and units go on working. See docs/deployment-relay.md.
struct RelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Run the webhook relay the bot polls (for Teams and Slack behind a firewall).",
        discussion: RelayOptions.discussion + " The DMZ host runs the same command as prevent-assist-relay."
    )

    @OptionGroup var options: RelayOptions

    func run() async throws {
        try await options.run()
    }
}
