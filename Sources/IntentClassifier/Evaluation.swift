/// Precision, recall and F1 of one label on an evaluation set.
public struct LabelScore: Sendable, Codable, Hashable {
    public var label: String
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var support: Int
}

/// A (true label, predicted label) pair and how often it occurred.
public struct Confusion: Sendable, Codable, Hashable {
    public var truth: String
    public var predicted: String
    public var count: Int
}

/// Figures of a model with its policy on labelled rows.
public struct EvaluationReport: Sendable, Codable, Hashable {
    public var inScopeRows: Int
    public var outOfScopeRows: Int
    /// In-scope rows not declined whose best label is right (a clarification counts by its first label).
    public var inScopeAccuracy: Double
    /// In-scope rows answered `matched(right label)` without a clarification.
    public var inScopeMatchedAccuracy: Double
    /// In-scope rows whose right label is in the answer or in the clarification pair.
    public var inScopeAccuracyWithClarification: Double
    /// Out-of-scope rows declined.
    public var outOfScopeRecall: Double
    /// Rows (in-scope and out-of-scope) answered with `ambiguous`.
    public var clarificationRate: Double
    /// Per label (declines count as the out-of-scope label, named "oos" if the model has none).
    public var perLabel: [LabelScore]
    /// Most frequent errors, largest first.
    public var confusions: [Confusion]
}

public enum IntentEvaluator {
    /// Evaluates `model` (with its own policy) on `rows`. Rows whose label is the model's
    /// out-of-scope label or unknown to the model are out-of-scope rows.
    public static func evaluate(
        _ model: IntentModel,
        rows: [LabeledExample],
        topConfusions: Int = 20
    ) -> EvaluationReport {
        evaluate(
            model,
            rows: rows,
            predictions: rows.map { model.decide(probabilities: model.probabilities(for: $0.text)) },
            topConfusions: topConfusions
        )
    }

    /// Evaluates given decisions (one per row).
    public static func evaluate(
        _ model: IntentModel,
        rows: [LabeledExample],
        predictions: [IntentDecision],
        topConfusions: Int = 20
    ) -> EvaluationReport {
        let oosName = model.outOfScopeLabel ?? "oos"
        let known = Set(model.labels)
        var inScope = 0
        var outOfScope = 0
        var correct = 0
        var matched = 0
        var withClarification = 0
        var declined = 0
        var ambiguous = 0
        var truePositive: [String: Int] = [:]
        var predictedCount: [String: Int] = [:]
        var supportCount: [String: Int] = [:]
        var confusionCounts: [String: [String: Int]] = [:]
        for (row, decision) in zip(rows, predictions) {
            let isOOS = row.label == model.outOfScopeLabel || !known.contains(row.label)
            let truth = isOOS ? oosName : row.label
            let predicted: String
            switch decision {
            case .outOfScope: predicted = oosName
            case .matched(let l): predicted = l
            case .ambiguous(let l, _):
                predicted = l
                ambiguous += 1
            }
            if isOOS {
                outOfScope += 1
                if case .outOfScope = decision { declined += 1 }
            } else {
                inScope += 1
                if predicted == truth { correct += 1 }
                switch decision {
                case .matched(let l) where l == truth:
                    matched += 1
                    withClarification += 1
                case .ambiguous(let a, let b) where a == truth || b == truth: withClarification += 1
                default: break
                }
            }
            supportCount[truth, default: 0] += 1
            predictedCount[predicted, default: 0] += 1
            if predicted == truth {
                truePositive[truth, default: 0] += 1
            } else {
                confusionCounts[truth, default: [:]][predicted, default: 0] += 1
            }
        }
        let labels = Set(supportCount.keys).union(predictedCount.keys).sorted()
        let perLabel = labels.map { label -> LabelScore in
            let tp = Double(truePositive[label] ?? 0)
            let p = tp / Double(max(1, predictedCount[label] ?? 0))
            let r = tp / Double(max(1, supportCount[label] ?? 0))
            return LabelScore(
                label: label,
                precision: p,
                recall: r,
                f1: p + r > 0 ? 2 * p * r / (p + r) : 0,
                support: supportCount[label] ?? 0
            )
        }
        var confusions: [Confusion] = []
        for (truth, row) in confusionCounts {
            for (predicted, count) in row {
                confusions.append(Confusion(truth: truth, predicted: predicted, count: count))
            }
        }
        confusions.sort { ($0.count, $1.truth, $1.predicted) > ($1.count, $0.truth, $0.predicted) }
        let total = Double(max(1, rows.count))
        return EvaluationReport(
            inScopeRows: inScope,
            outOfScopeRows: outOfScope,
            inScopeAccuracy: Double(correct) / Double(max(1, inScope)),
            inScopeMatchedAccuracy: Double(matched) / Double(max(1, inScope)),
            inScopeAccuracyWithClarification: Double(withClarification) / Double(max(1, inScope)),
            outOfScopeRecall: Double(declined) / Double(max(1, outOfScope)),
            clarificationRate: Double(ambiguous) / total,
            perLabel: perLabel,
            confusions: Array(confusions.prefix(topConfusions))
        )
    }
}
