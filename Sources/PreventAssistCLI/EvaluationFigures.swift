import AssistantCore

/// The figures `eval` prints beside an ``EvaluationReport``, by mode: `--questions` fills the start-up, matcher and
/// stage fields; `--clinc150` and `--train` fill the classifier's. A field left `nil` is left out of the JSON.
struct EvaluationFigures: Encodable {
    /// One stage of the decision path, in milliseconds.
    struct Stage: Encodable {
        let stage: String
        let p50: Double
        let p99: Double
    }

    var setupSeconds: Double?
    var matcher: String?
    var stages: [Stage]?
    var setting: String?
    var trainRows: Int?
    var trainSeconds: Double?
    var accuracyAtOOSRecall08: Double?
    var oosRecallAt08Threshold: Double?
    var modelBytes: Int?
    var parameters: Int?
    var threshold: Double?
    var margin: Double?
    var tokenVectors: Bool?
    var tuning: String?
    var peakResidentBytes: Int?

    enum CodingKeys: String, CodingKey {
        case setupSeconds = "setup_seconds"
        case matcher
        case stages = "stages_ms"
        case setting
        case trainRows = "train_rows"
        case trainSeconds = "train_seconds"
        case accuracyAtOOSRecall08 = "accuracy_at_oos_recall_0_8"
        case oosRecallAt08Threshold = "oos_recall_at_0_8_threshold"
        case modelBytes = "model_bytes"
        case parameters
        case threshold
        case margin
        case tokenVectors = "token_vectors"
        case tuning
        case peakResidentBytes = "peak_rss_bytes"
    }
}

/// `eval --json`: an ``EvaluationReport``'s figures (the 20 worst confusions) with the mode's
/// ``EvaluationFigures`` beside them, in one object.
struct EvaluationJSON: Encodable {
    /// One intent's scores.
    struct IntentFigures: Encodable {
        let precision: Double
        let recall: Double
        let f1: Double
        let support: Int
    }

    /// How often one label was answered as another.
    struct ConfusionFigures: Encodable {
        let label: String
        let predicted: String
        let count: Int
    }

    /// The latency per query, in milliseconds.
    struct Latency: Encodable {
        let p50: Double
        let p99: Double
    }

    let report: EvaluationReport
    let figures: EvaluationFigures

    enum CodingKeys: String, CodingKey {
        case rows
        case inScopeRows = "in_scope_rows"
        case outOfScopeRows = "out_of_scope_rows"
        case inScopeAccuracy = "in_scope_accuracy"
        case outOfScopeRecall = "oos_recall"
        case clarificationRate = "clarification_rate"
        case inScopeAccuracyWithClarification = "in_scope_accuracy_with_clarification"
        case latency = "latency_ms"
        case perIntent = "per_intent"
        case confusions
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(report.rows, forKey: .rows)
        try container.encode(report.inScopeRows, forKey: .inScopeRows)
        try container.encode(report.outOfScopeRows, forKey: .outOfScopeRows)
        try container.encode(report.inScopeAccuracy, forKey: .inScopeAccuracy)
        try container.encode(report.outOfScopeRecall, forKey: .outOfScopeRecall)
        try container.encode(report.clarificationRate, forKey: .clarificationRate)
        try container.encode(report.inScopeAccuracyWithClarification, forKey: .inScopeAccuracyWithClarification)
        try container.encode(Latency(p50: report.latencyP50, p99: report.latencyP99), forKey: .latency)
        let perIntent = Dictionary(
            report.perIntent.map {
                ($0.intent, IntentFigures(precision: $0.precision, recall: $0.recall, f1: $0.f1, support: $0.support))
            },
            uniquingKeysWith: { first, _ in first }
        )
        try container.encode(perIntent, forKey: .perIntent)
        let confusions = report.confusions.prefix(20).map {
            ConfusionFigures(label: $0.label, predicted: $0.predicted, count: $0.count)
        }
        try container.encode(confusions, forKey: .confusions)
        try figures.encode(to: encoder)
    }
}
