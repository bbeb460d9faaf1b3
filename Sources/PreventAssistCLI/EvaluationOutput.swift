import AssistantCore
import Foundation

/// Prints an ``EvaluationReport`` as a table for people or as JSON for scripts.
enum EvaluationOutput {
    static func text(
        _ report: EvaluationReport,
        title: String,
        figures: EvaluationFigures = EvaluationFigures(),
        worst: Int = 10
    ) -> String {
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
        for stage in figures.stages ?? [] {
            lines.append("    \(stage.stage): p50 \(milliseconds(stage.p50)), p99 \(milliseconds(stage.p99))")
        }
        if let value = figures.accuracyAtOOSRecall08 {
            let recall = figures.oosRecallAt08Threshold.map { ", test recall \(percent($0))" } ?? ""
            lines.append(
                "  in-scope accuracy at out-of-scope recall >= 0.8 (on validation): \(percent(value))\(recall)"
            )
        }
        if let seconds = figures.trainSeconds {
            let rows = figures.trainRows.map(String.init) ?? "?"
            lines.append("  training:              \(String(format: "%.2f", seconds)) s on \(rows) rows")
        }
        if let seconds = figures.setupSeconds {
            lines.append(
                "  start-up (load + train or cache): \(String(format: "%.2f", seconds)) s, matcher \(figures.matcher ?? "?")"
            )
        }
        if let bytes = figures.modelBytes {
            let parameters = figures.parameters.map(String.init) ?? "?"
            lines.append("  model:                 \(bytes) bytes, \(parameters) parameters")
        }
        if let rss = figures.peakResidentBytes {
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

    static func json(_ report: EvaluationReport, figures: EvaluationFigures = EvaluationFigures()) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(EvaluationJSON(report: report, figures: figures))
        return String(decoding: data, as: UTF8.self)
    }

    static func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }

    static func milliseconds(_ value: Double) -> String { String(format: "%.3f ms", value) }
}
