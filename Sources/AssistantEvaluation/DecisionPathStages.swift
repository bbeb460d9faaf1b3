public import AssistantCore

/// How long each stage of the decision path takes on a set of questions: the safety screen, the matcher
/// (normalisation, features and the model) and the rest (commands, the answer and its wording), each as p50 and p99
/// in milliseconds. Measured one question at a time, after the whole path has been timed, so the figures add up to
/// about the whole path's.
public struct DecisionPathStages: Sendable, Hashable {
    /// One stage's latency percentiles in milliseconds.
    public struct Stage: Sendable, Hashable {
        public let name: String
        public let p50: Double
        public let p99: Double
    }

    public let stages: [Stage]

    /// Times every stage on every question in `texts`.
    public static func measure(_ assistant: Assistant, texts: [String]) -> DecisionPathStages {
        let clock = ContinuousClock()
        var screen: [Double] = []
        var matcher: [Double] = []
        var rest: [Double] = []
        for (index, text) in texts.enumerated() {
            let message = AssistantEvaluator.message(text, id: "stages-\(index)", at: 0)
            let whole = clock.measure { _ = assistant.handle(message, state: .initial) }.milliseconds
            let screened = clock.measure { _ = assistant.screen.assess(text) }.milliseconds
            let matched = clock.measure { _ = assistant.matcher.classify(text) }.milliseconds
            screen.append(screened)
            matcher.append(matched)
            rest.append(max(0, whole - screened - matched))
        }
        return DecisionPathStages(stages: [
            stage("safety screen", screen),
            stage("matcher (normalise, features, model)", matcher),
            stage("rest (commands, answer, wording)", rest),
        ])
    }

    private static func stage(_ name: String, _ values: [Double]) -> Stage {
        let sorted = values.sorted()
        return Stage(
            name: name,
            p50: EvaluationReport.percentile(sorted, 0.5),
            p99: EvaluationReport.percentile(sorted, 0.99)
        )
    }
}
