public import AssistantCore
import Foundation

/// Runs labelled questions through the assistant's decision path (safety screen, then matcher), one query at a time,
/// and reports accuracy and latency.
public struct AssistantEvaluator: Sendable {
    public let assistant: Assistant

    public init(assistant: Assistant) {
        self.assistant = assistant
    }

    /// Evaluates every question; `progress` is called after each with (done, total).
    public func evaluate(_ questions: [LabeledText], progress: (Int, Int) -> Void = { _, _ in }) -> EvaluationReport {
        let clock = ContinuousClock()
        var predictions: [EvaluationReport.Prediction] = []
        predictions.reserveCapacity(questions.count)
        for (index, question) in questions.enumerated() {
            let message = Self.message(question.text, id: "eval-\(index)", at: UnixClock.system.seconds)
            var outcome: Outcome?
            let elapsed = clock.measure { outcome = assistant.handle(message, state: .initial) }
            let trace = outcome?.trace
            predictions.append(
                .init(
                    label: question.label,
                    predicted: trace?.intent ?? Intent.outOfScopeID,
                    clarified: trace?.clarified ?? false,
                    latencyMilliseconds: elapsed.milliseconds,
                    offered: trace?.clarified == true ? Array(outcome?.state.offeredChoices.prefix(2) ?? []) : []
                )
            )
            progress(index + 1, questions.count)
        }
        return EvaluationReport(predictions: predictions)
    }
}

extension AssistantEvaluator {
    /// A question as a direct message from an evaluation user, as `eval` feeds it to the assistant.
    static func message(_ text: String, id: String, at time: Int64) -> InboundMessage {
        InboundMessage(
            platform: "eval",
            conversationID: "eval",
            isDirect: true,
            senderID: "eval",
            text: text,
            messageID: id,
            timestamp: time
        )
    }
}

extension Duration {
    /// The duration in milliseconds, as a floating-point number.
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1_000 + Double(attoseconds) / 1e15
    }
}
