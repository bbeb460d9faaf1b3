import ArgumentParser
import AssistantCore
import AssistantService
import CommandLineSupport
import Foundation
import KnowledgeLoader
import Logging
import Storage

/// `prevent-assist chat`: a conversation in the terminal.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Chat with the assistant in this terminal.",
        discussion: """
            Type a question and press Enter; 'quit' ends the conversation. When standard input is not a terminal, \
            each line is one message and the conversation ends at end of input, so a conversation can be scripted: \
            printf 'hello\\nwhat is prevent\\n' | prevent-assist chat
            """
    )

    @Option(name: .long, help: "Your name or identity in this conversation.")
    var user: String = ProcessInfo.processInfo.environment["USER"] ?? "staff"

    @Option(name: .long, help: "Data directory (default: $XDG_DATA_HOME/prevent-assist), created with mode 0700.")
    var data: String?

    @OptionGroup var content: ContentOptions

    func run() async throws {
        let interactive = Terminal.isInteractive(STDIN_FILENO)
        if interactive {
            print("PreventAssist — ask about the Prevent duty. Type 'quit' to leave. In an emergency, call 999.\n")
        }
        let setup = try content.setup(data: data) {
            // The first run on new content trains the question matcher: say so rather than sit silent.
            if interactive { print("One moment: getting ready for this knowledge base (first run only, ~15 s)…\n") }
        }
        let output = FileHandle.standardOutput
        try await AssistantRuntime.chat(
            setup: setup,
            dataDirectory: DataDirectory.resolve(explicit: data, configured: setup.configuration.dataDirectory),
            user: user,
            prompt: interactive ? "you> " : nil,
            logger: CommandLogging.logger(),
            readLine: { Swift.readLine(strippingNewline: true) },
            write: { text in output.write(Data(text.utf8)) }
        )
    }
}
