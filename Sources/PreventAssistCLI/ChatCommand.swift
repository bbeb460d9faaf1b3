import ArgumentParser
import AssistantCore
import AssistantService
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
        let logger = CommandLogging.logger()
        let database = try DataStore.open(
            DataDirectory.resolve(explicit: data, configured: setup.configuration.dataDirectory),
            logger: logger
        )
        let now = Int64(Date().timeIntervalSince1970)
        let tidied = try Housekeeping(
            database: database,
            draftExpiryHours: setup.configuration.draftExpiryHours,
            learning: setup.configuration.learning
        )
        .run(at: now)
        if tidied.expiredDrafts > 0 {
            logger.info("expired unfinished forms purged", metadata: ["count": "\(tidied.expiredDrafts)"])
        }
        try AlertOutbox(database: database).escalateUnacknowledged(
            after: Int64(setup.configuration.escalateAfterMinutes) * 60,
            at: now
        )
        let engine = ConversationEngine(
            assistant: setup.assistant,
            database: database,
            roles: setup.configuration.roles,
            snippetSettings: setup.configuration.snippets,
            logger: logger
        )
        let output = FileHandle.standardOutput
        let write: @Sendable (String) -> Void = { text in output.write(Data(text.utf8)) }
        let console = ConsolePlatform(
            user: user,
            readLine: { Swift.readLine(strippingNewline: true) },
            write: write,
            prompt: interactive ? "you> " : nil
        )
        let opening = console.message("", number: 0)
        for notice in engine.deliverNotices(to: opening.senderIdentity, at: now) {
            console.show(Reply(kind: .notice, text: notice))
        }
        if let notice = engine.resumeNotice(for: opening) {
            console.show(Reply(kind: .notice, text: notice))
        }
        // The same runtime as `serve`: each line handled durably, replies sent from the outbox.
        let runner = PlatformRunner(platform: console, engine: engine, logger: logger, deliversNotices: false)
        try await runner.run()
    }
}
