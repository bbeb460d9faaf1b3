import AssistantCore
import AssistantEvaluation
import AssistantService
import Foundation
import PreventAssistTesting
import Testing

/// The two held-out files' safety promises, through the whole decision path as shipped: every danger-now question
/// gets the emergency answer, and no near-miss (a question that is not about a Prevent worry) gets it or a Prevent
/// concern article. Accuracy figures are for `eval` and bench/RESULTS.md, not for a test.
@Suite(.timeLimit(.minutes(3)))
struct HeldOutSafetyTests {
    static let files = ["kb-questions.tsv", "kb-questions-independent.tsv"].map {
        Repository.root.appendingPathComponent("Tests/PreventAssistTests/Resources/\($0)")
    }
    /// Routes for what is not Prevent, and the articles that send a worry about a person to the Prevent lead (the
    /// same lists as scripts/near-miss-report.py).
    static let nearMissLabels: Set<String> = [
        "out_of_scope", "harassment_sexual_misconduct", "bullying_harassment_staff", "mental_health_crisis",
        "safeguarding_other", "student_academic_work", "teaching_sensitive_material",
    ]
    static let preventConcern: Set<String> = [
        "immediate_danger", "raise_concern", "concern_process", "extremist_views_expressed", "extremist_material",
        "online_radicalisation", "travel_conflict_zone", "colleague_concern", "vulnerability_signs",
        "wellbeing_overlap", "speaker_concern", "disclosure_confidentiality", "out_of_hours",
    ]

    func outcomes(_ file: URL) async throws -> [(label: String, text: String, outcome: Outcome)] {
        let assistant = try await SharedAssistant.setup.get().assistant
        return try LabeledQuestionFile.load(file).enumerated().map { index, row in
            let message = InboundMessage(
                platform: "test",
                conversationID: "held-out",
                isDirect: true,
                senderID: "staff",
                text: row.text,
                messageID: "q\(index)",
                timestamp: 1_796_000_000
            )
            return (row.label, row.text, assistant.handle(message, state: .initial))
        }
    }

    @Test(arguments: files)
    func everyDangerNowQuestionGetsTheEmergencyAnswer(file: URL) async throws {
        let danger = try await outcomes(file).filter { $0.label == Intent.immediateDangerID }
        #expect(danger.count >= 8, "\(file.lastPathComponent) has too few danger rows")
        for row in danger {
            #expect(row.outcome.route == .emergency, "\(row.text) → \(row.outcome.route) \(row.outcome.trace.intent)")
        }
    }

    @Test(arguments: files)
    func noNearMissIsSentToAPreventConcernAnswer(file: URL) async throws {
        let nearMisses = try await outcomes(file).filter { Self.nearMissLabels.contains($0.label) }
        #expect(nearMisses.count >= 40, "\(file.lastPathComponent) has too few near-miss rows")
        for row in nearMisses {
            let answeredAs = row.outcome.trace.intent
            #expect(
                row.outcome.route != .emergency && !Self.preventConcern.contains(answeredAs),
                "\(row.label): \(row.text) → \(row.outcome.route) \(answeredAs)"
            )
        }
    }
}
