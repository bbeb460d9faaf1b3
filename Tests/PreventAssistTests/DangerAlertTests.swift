import AssistantCore
import AssistantService
import Foundation
import KnowledgeLoader
import Logging
import PreventAssistTesting
import Storage
import Testing

/// A danger answer outside a form alerts the team: platform and time, the reporter sealed for leads, never the
/// message; configurable (issue #16, finding 4).
struct DangerAlertTests {
    static let message = InboundMessage(
        platform: "matrix",
        conversationID: "!dm",
        isDirect: true,
        senderID: "@sam:x",
        text: "there is a man with a knife outside the library right now",
        messageID: "m1",
        timestamp: 1_772_704_800  // 2026-03-05 10:00 UTC
    )

    /// The alerts queued after the danger message, and the sealed reporter of the first.
    func alerts(enabled: Bool) async throws -> ([AlertOutbox.Alert], String?) {
        let setup = try await SharedAssistant.setup.get()
        let assistant = Assistant(
            knowledge: setup.assistant.knowledge,
            matcher: setup.assistant.matcher,
            institution: InstitutionProfile(),
            alertsOnDanger: enabled
        )
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try AppDatabase(
            file: directory.url.appendingPathComponent(AppDatabase.fileName),
            key: EncryptionKey.generate()
        )
        let engine = ConversationEngine(
            assistant: assistant,
            database: database,
            roles: AccessRoles(),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let replies = engine.process(Self.message)
        #expect(replies.first?.kind == .emergency)
        let outbox = AlertOutbox(database: database)
        let all = try outbox.all()
        return (all, try all.first.flatMap { alert in try outbox.reporter(of: alert.id) })
    }

    @Test func aDangerAnswerOutsideAFormRaisesOneUrgentAlertWithoutTheMessage() async throws {
        let (all, reporter) = try await alerts(enabled: true)
        let alert = try #require(all.first)
        #expect(all.count == 1)
        #expect(alert.urgent)
        #expect(alert.kind == "danger_answer_outside_form")
        #expect(alert.text.contains("matrix"))
        #expect(alert.text.contains("2026-03-05 10:00"))
        #expect(!alert.text.contains("knife"))
        #expect(!alert.text.contains("@sam"))
        #expect(reporter == "matrix:@sam:x")
    }

    @Test func theAlertCanBeTurnedOff() async throws {
        let (all, _) = try await alerts(enabled: false)
        #expect(all.isEmpty)
    }

    @Test func theConfigurationTurnsItOff() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.url.appendingPathComponent("prevent-assist.yaml")
        try Data("alerts:\n  danger_answers: false\n".utf8).write(to: file)
        #expect(try InstitutionConfiguration.load(from: file).alertOnDangerAnswers == false)
        try Data("alerts:\n  escalate_after_minutes: 10\n".utf8).write(to: file)
        #expect(try InstitutionConfiguration.load(from: file).alertOnDangerAnswers == true)
    }
}
