import AssistantCore
import Foundation

/// A conversation in the terminal: one message per line in, the assistant's replies out, through the same
/// ``ConversationEngine`` as every chat platform. State is saved after every message, so a restart resumes an
/// unfinished form where it was.
///
/// Input and output are closures so tests drive a session with in-memory lines. The session ends at end of input or
/// when the person types `quit` or `exit`.
public struct ConsoleSession: Sendable {
    public let engine: ConversationEngine
    public let user: String
    /// Unix seconds now; injectable for tests.
    let clock: @Sendable () -> Int64

    public init(engine: ConversationEngine, user: String, clock: @escaping @Sendable () -> Int64 = ConsoleSession.now) {
        self.engine = engine
        self.user = user
        self.clock = clock
    }

    public static let now: @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }

    /// Runs the conversation.
    /// - Parameters:
    ///   - readLine: returns the next line, or `nil` at end of input.
    ///   - write: prints one block of output.
    ///   - prompt: written before each read when the console is interactive (`nil` when piped).
    public func run(readLine: () -> String?, write: (String) -> Void, prompt: String? = nil) {
        var count = 0
        for notice in engine.deliverNotices(to: "console:\(user)", at: clock()) {
            write(ConsoleRenderer.render(Reply(kind: .notice, text: notice)) + "\n")
        }
        if let notice = engine.resumeNotice(for: message("", number: 0)) {
            write(ConsoleRenderer.render(Reply(kind: .notice, text: notice)) + "\n")
        }
        while true {
            if let prompt { write(prompt) }
            guard let line = readLine() else { break }
            let command = line.lowercased().trimmingCharacters(in: .whitespaces)
            if command == "quit" || command == "exit" { break }
            if command.isEmpty { continue }
            count += 1
            for reply in engine.process(message(line, number: count)) {
                write(ConsoleRenderer.render(reply) + "\n")
            }
        }
    }

    private func message(_ text: String, number: Int) -> InboundMessage {
        InboundMessage(
            platform: "console",
            conversationID: user,
            isDirect: true,
            senderID: user,
            senderName: user,
            text: text,
            messageID: "console-\(clock())-\(number)",
            timestamp: clock()
        )
    }
}
