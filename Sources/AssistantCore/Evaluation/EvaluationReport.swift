/// Accuracy and latency figures for a matcher on a labelled question set, computed from its predictions.
///
/// In-scope accuracy counts a row right when the first intent the assistant names (the answer, or the first option
/// of a clarifying question) is the label; declining an in-scope question counts as wrong. Out-of-scope recall is the
/// share of out-of-scope rows the assistant declined.
public struct EvaluationReport: Sendable, Hashable {
    /// One labelled question and what the assistant did with it.
    public struct Prediction: Sendable, Hashable {
        public let label: String
        public let predicted: String
        public let clarified: Bool
        public let latencyMilliseconds: Double
        /// The two intents a clarifying question offered (empty when the assistant did not ask).
        public let offered: [String]

        public init(
            label: String,
            predicted: String,
            clarified: Bool,
            latencyMilliseconds: Double,
            offered: [String] = []
        ) {
            self.label = label
            self.predicted = predicted
            self.clarified = clarified
            self.latencyMilliseconds = latencyMilliseconds
            self.offered = offered
        }
    }

    /// Precision, recall and F1 for one intent.
    public struct IntentScore: Sendable, Hashable {
        public let intent: String
        public let support: Int
        public let precision: Double
        public let recall: Double
        public let f1: Double
    }

    /// A pair the assistant mixed up, with how often.
    public struct Confusion: Sendable, Hashable {
        public let label: String
        public let predicted: String
        public let count: Int
    }

    public let rows: Int
    public let inScopeRows: Int
    public let outOfScopeRows: Int
    public let inScopeAccuracy: Double
    public let outOfScopeRecall: Double
    public let clarificationRate: Double
    /// In-scope accuracy when a clarifying question that offers the right intent counts as right (the person picks
    /// it): what "Did you mean A or B?" buys over ``inScopeAccuracy``.
    public let inScopeAccuracyWithClarification: Double
    public let latencyP50: Double
    public let latencyP99: Double
    public let perIntent: [IntentScore]
    public let confusions: [Confusion]

    public init(predictions: [Prediction], outOfScopeLabel: String = Intent.outOfScopeID) {
        let inScope = predictions.filter { $0.label != outOfScopeLabel }
        let outOfScope = predictions.filter { $0.label == outOfScopeLabel }
        rows = predictions.count
        inScopeRows = inScope.count
        outOfScopeRows = outOfScope.count
        inScopeAccuracy = Self.share(inScope) { $0.predicted == $0.label }
        outOfScopeRecall = Self.share(outOfScope) { $0.predicted == outOfScopeLabel }
        clarificationRate = Self.share(predictions) { $0.clarified }
        inScopeAccuracyWithClarification = Self.share(inScope) {
            $0.predicted == $0.label || ($0.clarified && $0.offered.contains($0.label))
        }
        let latencies = predictions.map(\.latencyMilliseconds).sorted()
        latencyP50 = Self.percentile(latencies, 0.5)
        latencyP99 = Self.percentile(latencies, 0.99)

        var truePositives: [String: Int] = [:]
        var predictedCount: [String: Int] = [:]
        var support: [String: Int] = [:]
        var pairs: [String: [String: Int]] = [:]
        for prediction in predictions {
            support[prediction.label, default: 0] += 1
            predictedCount[prediction.predicted, default: 0] += 1
            if prediction.predicted == prediction.label {
                truePositives[prediction.label, default: 0] += 1
            } else {
                pairs[prediction.label, default: [:]][prediction.predicted, default: 0] += 1
            }
        }
        perIntent = support.keys.sorted().map { intent in
            let hits = Double(truePositives[intent] ?? 0)
            let precision = predictedCount[intent].map { hits / Double($0) } ?? 0
            let recall = hits / Double(support[intent] ?? 1)
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            return IntentScore(
                intent: intent,
                support: support[intent] ?? 0,
                precision: precision,
                recall: recall,
                f1: f1
            )
        }
        confusions = pairs.flatMap { label, predicted in
            predicted.map { Confusion(label: label, predicted: $0.key, count: $0.value) }
        }
        .sorted { ($0.count, $1.label, $1.predicted) > ($1.count, $0.label, $0.predicted) }
    }

    private static func share(_ rows: [Prediction], where test: (Prediction) -> Bool) -> Double {
        rows.isEmpty ? 0 : Double(rows.filter(test).count) / Double(rows.count)
    }

    /// Nearest-rank percentile of sorted values; `0` for none.
    public static func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
