public import AssistantCore
import AssistantService
import Foundation
import Logging
import Storage

/// Runs dialogue stories through the whole conversation path (assistant, engine, an encrypted store in a fresh
/// temporary directory per story) and checks each turn's expectations.
public struct StoryRunner: Sendable {
    /// The result of one story.
    public struct Result: Sendable, Hashable {
        public let story: String
        public let file: String
        /// What went wrong, turn by turn; empty when the story passed.
        public let failures: [String]
        /// Each turn as it went: the message, the route, the form step and the replies (for `--transcript`).
        public var transcript: [String] = []

        public var passed: Bool { failures.isEmpty }
    }

    public let assistant: Assistant
    /// The lead's identity in stories (`sender: lead`).
    public static let leadIdentity = "stories:lead"

    public init(assistant: Assistant) {
        self.assistant = assistant
    }

    /// Runs every story, one after another.
    public func run(_ stories: [DialogueStory], progress: (Int, Int) -> Void = { _, _ in }) -> [Result] {
        var results: [Result] = []
        for (index, story) in stories.enumerated() {
            results.append(run(story))
            progress(index + 1, stories.count)
        }
        return results
    }

    /// Runs one story in a fresh store.
    public func run(_ story: DialogueStory) -> Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("prevent-assist-story-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let database = try AppDatabase(
                file: directory.appendingPathComponent(AppDatabase.fileName),
                key: EncryptionKey.generate()
            )
            let engine = ConversationEngine(
                assistant: assistant,
                database: database,
                roles: AccessRoles(safeguardingLeads: [Self.leadIdentity]),
                logger: Logger(label: "stories", factory: { _ in SwiftLogNoOpLogHandler() })
            )
            var failures: [String] = []
            var transcript: [String] = []
            for (index, turn) in story.turns.enumerated() {
                failures += try check(
                    turn,
                    number: index + 1,
                    story: story,
                    engine: engine,
                    database: database,
                    transcript: &transcript
                )
            }
            return Result(story: story.name, file: story.file, failures: failures, transcript: transcript)
        } catch {
            return Result(story: story.name, file: story.file, failures: ["could not run: \(error)"])
        }
    }

    private func check(
        _ turn: DialogueStory.Turn,
        number: Int,
        story: DialogueStory,
        engine: ConversationEngine,
        database: AppDatabase,
        transcript: inout [String]
    ) throws -> [String] {
        let message = InboundMessage(
            platform: "stories",
            conversationID: story.direct ? "dm-\(story.sender)" : "room",
            isDirect: story.direct,
            senderID: story.sender,
            text: turn.user,
            messageID: "\(story.file)-\(number)",
            timestamp: story.start + Int64(number - 1) * 60
        )
        let outbox = AlertOutbox(database: database)
        let alertsBefore = try outbox.all().filter(Self.isUrgentAlert).count
        let handled = try engine.handleDurably(message, platform: "stories").get()
        let alertsRaised = try outbox.all().filter(Self.isUrgentAlert).count - alertsBefore
        let state = try ConversationStore(database: database).load(ConversationEngine.conversationKey(message))
        let text = handled.replies.map(\.text).joined(separator: "\n\n")
        let stepName = state.form?.phase.stepName ?? "none"
        transcript.append("you> \(turn.user)")
        transcript.append(
            "     [\(handled.route?.rawValue ?? "-") \(handled.trace?.intent ?? "-") step=\(stepName) alerts+\(alertsRaised)]"
        )
        transcript.append("bot> " + text.split(separator: "\n").joined(separator: "\n     "))
        let expect = turn.expect
        var failures: [String] = []
        func fail(_ what: String) { failures.append("turn \(number) (\"\(turn.user)\"): \(what)") }
        if let intent = expect.intent, handled.trace?.intent != intent {
            fail("intent \(handled.trace?.intent ?? "none"), expected \(intent)")
        }
        if let route = expect.route, handled.route?.rawValue != route {
            fail("route \(handled.route?.rawValue ?? "none"), expected \(route)")
        }
        let step = state.form?.phase.stepName ?? "none"
        if let expected = expect.step, step != expected { fail("form step \(step), expected \(expected)") }
        let folded = text.lowercased()
        for needle in expect.replyContains where !folded.contains(needle.lowercased()) {
            fail("reply lacks \"\(needle)\"")
        }
        for needle in expect.replyExcludes where folded.contains(needle.lowercased()) {
            fail("reply contains \"\(needle)\"")
        }
        if let alerts = expect.alerts, alerts != alertsRaised {
            fail("\(alertsRaised) urgent alerts, expected \(alerts)")
        }
        let stored = handled.effects.compactMap { effect -> FormSubmission? in
            if case .submitConcern(let submission) = effect { return submission }
            return nil
        }
        let storedSnippets = handled.effects.contains { if case .submitSnippet = $0 { true } else { false } }
        if expect.nothingStored, !stored.isEmpty || storedSnippets { fail("something was stored") }
        if let fields = expect.stored {
            if let submission = stored.first {
                for (slot, value) in fields.sorted(by: { $0.key < $1.key }) {
                    let field = submission.fields.first { $0.slot == slot }
                    let shown = (field.map { $0.display + " " + $0.value } ?? "").lowercased()
                    if !shown.contains(value.lowercased()) {
                        fail("stored \(slot) is \"\(field?.display ?? "absent")\", expected it to contain \"\(value)\"")
                    }
                }
            } else if !(fields.isEmpty && storedSnippets) {
                fail("nothing was stored")
            }
        }
        for (slot, value) in expect.answers.sorted(by: { $0.key < $1.key }) {
            let answer = state.form.flatMap { session in
                assistant.knowledge.forms[session.formID]?.slot(slot).flatMap { definition in
                    session.answers[slot]?.display(in: definition)
                }
            }
            if !(answer ?? "").lowercased().contains(value.lowercased()) {
                fail("answer \(slot) is \"\(answer ?? "absent")\", expected it to contain \"\(value)\"")
            }
        }
        for slot in expect.unanswered where state.form?.answers[slot] != nil {
            fail("\(slot) was answered")
        }
        return failures
    }

    private static func isUrgentAlert(_ alert: AlertOutbox.Alert) -> Bool {
        alert.urgent && alert.kind != "concern_submitted" && alert.recipient == "team"
    }

    /// The per-story lines and the totals, as `eval --stories` prints them.
    public static func report(_ results: [Result], transcripts: Bool = false) -> String {
        var lines: [String] = []
        for result in results {
            lines.append("\(result.passed ? "PASS" : "FAIL")  \(result.file)  \(result.story)")
            for failure in result.failures { lines.append("      \(failure)") }
            if transcripts { lines += result.transcript.map { "      " + $0 } }
        }
        let passed = results.filter(\.passed).count
        lines.append("")
        lines.append("\(passed) of \(results.count) stories passed, \(results.count - passed) failed.")
        return lines.joined(separator: "\n")
    }
}
