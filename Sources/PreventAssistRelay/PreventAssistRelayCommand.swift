import ArgumentParser
import CommandLineSupport
import RelayCommandLine

/// `prevent-assist-relay`: the webhook relay for Teams and Slack on its own, for the DMZ host. It carries the relay
/// and nothing of the bot (no concern store, no assistant core); `prevent-assist relay` is the same command inside the
/// bot's binary.
@main
struct PreventAssistRelayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prevent-assist-relay",
        abstract: "Run the webhook relay the bot polls (for Teams and Slack behind a firewall).",
        discussion: RelayOptions.discussion,
        version: ProductVersion.version
    )

    @OptionGroup var options: RelayOptions

    func run() async throws {
        try await options.run()
    }
}
