import AssistantCore
import Foundation

/// Prints an ``EvaluationReport`` as a table for people or as JSON for scripts.
enum EvaluationOutput {
    static func text(_ report: EvaluationReport, title: String, extras: [String: Any] = [:], worst: Int = 10) -> String
    {
        var lines = [
            "Evaluation: \(title)",
            "  rows:                  \(report.rows) (\(report.inScopeRows) in scope, \(report.outOfScopeRows) out of scope)",
            "  in-scope accuracy:     \(percent(report.inScopeAccuracy))",
            "  out-of-scope recall:   \(percent(report.outOfScopeRecall))",
            "  clarification rate:    \(percent(report.clarificationRate))",
            "  in-scope accuracy counting a clarification that offers the right intent: "
                + percent(report.inScopeAccuracyWithClarification),
            "  latency per query:     p50 \(milliseconds(report.latencyP50)), p99 \(milliseconds(report.latencyP99))",
        ]
        if let stages = extras["stages_ms"] as? [[String: Any]] {
            for stage in stages {
                guard let name = stage["stage"] as? String, let p50 = stage["p50"] as? Double,
                    let p99 = stage["p99"] as? Double
                else { continue }
                lines.append("    \(name): p50 \(milliseconds(p50)), p99 \(milliseconds(p99))")
            }
        }
        if let value = extras["accuracy_at_oos_recall_0_8"] as? Double {
            let recall = (extras["oos_recall_at_0_8_threshold"] as? Double).map { ", test recall \(percent($0))" } ?? ""
            lines.append(
                "  in-scope accuracy at out-of-scope recall >= 0.8 (on validation): \(percent(value))\(recall)"
            )
        }
        if let seconds = extras["train_seconds"] as? Double {
            lines.append(
                "  training:              \(String(format: "%.2f", seconds)) s on \(extras["train_rows"] ?? "?") rows"
            )
        }
        if let seconds = extras["setup_seconds"] as? Double {
            lines.append(
                "  start-up (load + train or cache): \(String(format: "%.2f", seconds)) s, matcher \(extras["matcher"] ?? "?")"
            )
        }
        if let bytes = extras["model_bytes"] as? Int {
            lines.append("  model:                 \(bytes) bytes, \(extras["parameters"] ?? "?") parameters")
        }
        if let rss = extras["peak_rss_bytes"] as? Int {
            lines.append("  peak memory (RSS):     \(rss / 1_048_576) MB")
        }
        if !report.confusions.isEmpty {
            lines.append("  worst confusions (label -> answered as):")
            for confusion in report.confusions.prefix(worst) {
                lines.append("    \(confusion.count)x \(confusion.label) -> \(confusion.predicted)")
            }
        }
        let weakest = report.perIntent.filter { $0.f1 < 1 }.sorted { $0.f1 < $1.f1 }.prefix(worst)
        if !weakest.isEmpty {
            lines.append("  weakest intents (precision / recall / F1):")
            for score in weakest {
                lines.append(
                    "    \(score.intent): \(percent(score.precision)) / \(percent(score.recall)) / \(percent(score.f1))"
                )
            }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: EvaluationReport, extras: [String: Any] = [:]) throws -> String {
        var object: [String: Any] = [
            "rows": report.rows,
            "in_scope_rows": report.inScopeRows,
            "out_of_scope_rows": report.outOfScopeRows,
            "in_scope_accuracy": report.inScopeAccuracy,
            "oos_recall": report.outOfScopeRecall,
            "clarification_rate": report.clarificationRate,
            "in_scope_accuracy_with_clarification": report.inScopeAccuracyWithClarification,
            "latency_ms": ["p50": report.latencyP50, "p99": report.latencyP99],
            "per_intent": Dictionary(
                uniqueKeysWithValues: report.perIntent.map {
                    ($0.intent, ["precision": $0.precision, "recall": $0.recall, "f1": $0.f1, "support": $0.support])
                }
            ),
            "confusions": report.confusions.prefix(20).map {
                ["label": $0.label, "predicted": $0.predicted, "count": $0.count] as [String: Any]
            },
        ]
        object.merge(extras) { current, _ in current }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    static func milliseconds(_ value: Double) -> String { String(format: "%.3f ms", value) }
}
