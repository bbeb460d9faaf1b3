public import AssistantCore
import Foundation
public import Storage

/// `eval --replay`: runs the kept questions through the assistant as it is now (the current content and model),
/// each as the first message of a conversation, and counts how many now get an answer at or above the
/// learning policy's confidence line — so a content change shows its effect on real misses.
public struct MissReplay: Sendable {
    let assistant: Assistant

    public init(assistant: Assistant) {
        self.assistant = assistant
    }

    /// What the replay found.
    public struct Report: Sendable, Hashable {
        public var total = 0
        public var answered = 0
        /// Answered questions by the intent that answers them now.
        public var byIntent: [String: Int] = [:]
        /// Per kept reason: how many now get an answer.
        public var answeredByReason: [String: Int] = [:]
        /// Per kept reason: how many were replayed.
        public var totalByReason: [String: Int] = [:]
    }

    public func run(_ kept: [LearningStore.Kept]) -> Report {
        let line = LearningPolicy().confidenceLine
        var report = Report()
        for (index, item) in kept.enumerated() {
            let message = InboundMessage(
                platform: item.question.platform,
                conversationID: "replay",
                isDirect: true,
                senderID: "replay",
                text: item.question.text,
                messageID: "replay-\(index)",
                timestamp: item.keptAt
            )
            let outcome = assistant.handle(message, state: .initial)
            let answered = outcome.route == .answer && outcome.trace.confidence >= line
            report.total += 1
            let reason = item.question.reason.rawValue
            report.totalByReason[reason, default: 0] += 1
            if answered {
                report.answered += 1
                report.answeredByReason[reason, default: 0] += 1
                report.byIntent[outcome.trace.intent, default: 0] += 1
            }
        }
        return report
    }

    /// The report as text.
    public static func text(_ report: Report) -> String {
        guard report.total > 0 else { return "No kept questions to replay." }
        let percent = Double(report.answered) / Double(report.total) * 100
        var lines = [
            "replay: \(report.answered) of \(report.total) kept questions now get an answer "
                + "(\(String(format: "%.1f", percent))%)"
        ]
        for (reason, total) in report.totalByReason.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(reason): \(report.answeredByReason[reason] ?? 0) of \(total)")
        }
        for (intent, count) in report.byIntent.sorted(by: {
            $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
        }) {
            lines.append("  now answered by \(intent): \(count)")
        }
        return lines.joined(separator: "\n")
    }
}
