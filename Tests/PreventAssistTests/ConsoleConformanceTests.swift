import AssistantCore
import AssistantService
import Platforms
import PreventAssistTesting
import Synchronization
import Testing

/// The terminal in the shared conformance suite, for the checks that mean something for one local person.
struct ConsoleConformanceTests {
    /// The checks that do not apply to a terminal, and why; every other check runs.
    static let notApplicable: [PlatformConformance.Check: String] = [
        .ownMessagesIgnored: "the bot never writes to the terminal's input, so nothing of its own can come back",
        .coldStartSkipsHistory: "piped input is the session's conversation: every line is answered, none is history",
        .uncommittedCursorReplays:
            "a restarted console is a new session on new input (within a session a retried poll replays: "
            + "ConsolePlatformTests)",
        .directConversationsDetected: "the terminal is one direct conversation; there is no group to tell apart",
        .longReplySplit: "a terminal has no message limit: replies print whole",
    ]

    static let checks = PlatformConformance.Check.allCases.filter { notApplicable[$0] == nil }

    @Test(arguments: checks)
    func conforms(_ check: PlatformConformance.Check) async throws {
        try await PlatformConformance.run(check, on: ConsoleHarness())
    }

    @Test func everyCheckLeftOutSaysWhy() {
        #expect(Self.checks.count + Self.notApplicable.count == PlatformConformance.Check.allCases.count)
        #expect(Self.notApplicable.values.allSatisfy { $0.count > 20 })
        #expect(Self.checks.contains(.quotedTextStaysLiteral) && Self.checks.contains(.markupEscaped))
    }
}

/// A terminal for ``ConsolePlatform``: the person's lines queue as input (a read with none waiting is the end of
/// input), and what a person sees is what was printed, without the `bot> ` prompt.
struct ConsoleHarness: PlatformConformanceHarness {
    final class Terminal: Sendable {
        let input = Mutex<[String]>([])
        let output = Mutex<[String]>([])
    }

    let terminal = Terminal()

    var name: String { "console" }
    var messageLimit: Int { Int.max }
    var groupConversation: String { "sam" }
    var directConversation: String { "sam" }

    func makePlatform() async throws -> any ChatPlatform {
        ConsolePlatform(
            user: "sam",
            readLine: { [terminal] in terminal.input.withLock { $0.isEmpty ? nil : $0.removeFirst() } },
            write: { [terminal] text in terminal.output.withLock { $0.append(text) } }
        )
    }

    @discardableResult
    func postAsPerson(_ text: String, in conversation: String) async throws -> String {
        terminal.input.withLock { $0.append(text) }
        return text
    }

    func postAsBot(_ text: String, in conversation: String) async throws {
        terminal.output.withLock { $0.append("bot> " + text + "\n") }
    }

    func visibleBotMessages(in conversation: String) async throws -> [String] {
        terminal.output.withLock { $0 }.map { printed in
            var text = printed.hasSuffix("\n") ? String(printed.dropLast()) : printed
            if text.hasPrefix("bot> ") { text.removeFirst(5) }
            return text
        }
    }
}
