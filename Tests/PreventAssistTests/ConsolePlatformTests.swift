import AssistantCore
import AssistantService
import Platforms
import Synchronization
import Testing

/// The terminal as a platform: what the shared conformance suite checks, where it applies to one local person.
struct ConsolePlatformTests {
    /// Lines to read and what was written.
    final class Terminal: Sendable {
        private let input: Mutex<[String]>
        private let output = Mutex<[String]>([])
        init(_ lines: [String]) { input = Mutex(lines) }
        func read() -> String? { input.withLock { $0.isEmpty ? nil : $0.removeFirst() } }
        func write(_ text: String) { output.withLock { $0.append(text) } }
        var written: [String] { output.withLock { $0 } }
    }

    static func console(_ terminal: Terminal, prompt: String? = nil) -> ConsolePlatform {
        ConsolePlatform(
            user: "sam",
            readLine: { terminal.read() },
            write: { terminal.write($0) },
            prompt: prompt,
            clock: { 1_795_944_000 }
        )
    }

    @Test func eachLineIsADirectMessageAndAnUncommittedCursorReplaysIt() async throws {
        let console = Self.console(Terminal(["what is channel", "", "thanks"]))
        let first = try await console.poll(after: nil)
        #expect(first.messages.map(\.text) == ["what is channel"])
        #expect(first.messages.first?.isDirect == true)
        #expect(first.messages.first?.senderIdentity == "console:sam")
        let replay = try await console.poll(after: nil)
        #expect(replay.messages.map(\.messageID) == first.messages.map(\.messageID))
        let next = try await console.poll(after: first.cursor)
        #expect(next.messages.map(\.text) == ["thanks"], "the empty line is skipped")
        let end = try await console.poll(after: next.cursor)
        #expect(end.isFinal && end.messages.isEmpty)
    }

    @Test(arguments: ["quit", "EXIT", "  quit  "])
    func quitEndsTheInput(_ line: String) async throws {
        let console = Self.console(Terminal([line, "never read"]))
        let batch = try await console.poll(after: nil)
        #expect(batch.isFinal && batch.messages.isEmpty)
    }

    @Test func aRetriedSendPrintsOnceAndThePromptComesBeforeEachRead() async throws {
        let terminal = Terminal(["hello"])
        let console = Self.console(terminal, prompt: "you> ")
        _ = try await console.poll(after: nil)
        let reply = Reply(kind: .answer, text: "Hello.")
        try await console.send(reply, to: "sam", replyingTo: nil, idempotencyKey: "k1")
        try await console.send(reply, to: "sam", replyingTo: nil, idempotencyKey: "k1")
        #expect(terminal.written == ["you> ", "bot> Hello.\n"])
    }

    @Test func nobodyElseCanBeReachedFromTheConsole() async throws {
        let console = Self.console(Terminal([]))
        #expect(try await console.openDirectConversation(with: "sam") == "sam")
        await #expect(throws: PlatformError.self) { try await console.openDirectConversation(with: "alex") }
    }
}
