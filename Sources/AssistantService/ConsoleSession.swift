public import AssistantCore

/// A conversation in the terminal: one message per line in, the assistant's replies out.
///
/// Input and output are closures so tests drive a session with in-memory lines. The session ends at end of input or
/// when the person types `quit` or `exit`.
public struct ConsoleSession: Sendable {
    public let assistant: Assistant
    public let user: String

    public init(assistant: Assistant, user: String) {
        self.assistant = assistant
        self.user = user
    }

    /// Runs the conversation.
    /// - Parameters:
    ///   - readLine: returns the next line, or `nil` at end of input.
    ///   - write: prints one block of output.
    ///   - prompt: written before each read when the console is interactive (`nil` when piped).
    public func run(
        readLine: () -> String?,
        write: (String) -> Void,
        prompt: String? = nil
    ) {
        var state = ConversationState.initial
        var count = 0
        while true {
            if let prompt { write(prompt) }
            guard let line = readLine() else { break }
            let command = line.lowercased().trimmingCharacters(in: [" ", "\t", "\r"])
            if command == "quit" || command == "exit" { break }
            if command.isEmpty { continue }
            count += 1
            let message = InboundMessage(
                platform: "console",
                conversationID: "console:\(user)",
                isDirect: true,
                senderID: user,
                senderName: user,
                text: line,
                messageID: "console-\(count)"
            )
            let outcome = assistant.handle(message, state: state)
            state = outcome.state
            for reply in outcome.replies { write(ConsoleRenderer.render(reply) + "\n") }
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Set<Character>) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
