import ArgumentParser
import CommandLineSupport

/// `prevent-assist`: the Prevent duty assistant for university and college staff.
@main
struct PreventAssistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prevent-assist",
        abstract: "A chat assistant for staff on the Prevent duty: answers, raising concerns, good practice.",
        discussion: """
            Start with 'prevent-assist chat' for a conversation in this terminal. Content ships with the binary; \
            --kb DIR points at another knowledge base, --config FILE at the institution's configuration.
            """,
        version: ProductVersion.version,
        subcommands: [
            ChatCommand.self, AskCommand.self, EvalCommand.self, KBCommand.self, ConcernsCommand.self,
            ReportCommand.self, ServeCommand.self, RelayCommand.self, SnippetsCommand.self, BackupCommand.self,
            ConfigCommand.self, DoctorCommand.self, HousekeepingCommand.self, ReviewCommand.self, DeskCommand.self,
        ],
        defaultSubcommand: nil
    )
}
