import AssistantCore
import Testing

struct EvaluationReportTests {
    func row(
        _ label: String,
        _ predicted: String,
        clarified: Bool = false,
        ms: Double = 1
    ) -> EvaluationReport.Prediction {
        .init(label: label, predicted: predicted, clarified: clarified, latencyMilliseconds: ms)
    }

    @Test func aClarificationOfferingTheRightIntentCountsInTheAccuracyItBuys() {
        let report = EvaluationReport(predictions: [
            row("a", "a"),
            .init(label: "b", predicted: "a", clarified: true, latencyMilliseconds: 1, offered: ["a", "b"]),
            .init(label: "c", predicted: "a", clarified: true, latencyMilliseconds: 1, offered: ["a", "b"]),
            row("d", "a"),
        ])
        #expect(report.inScopeAccuracy == 0.25)
        #expect(report.inScopeAccuracyWithClarification == 0.5)
        #expect(report.clarificationRate == 0.5)
    }

    @Test func computesAccuracyRecallAndConfusions() throws {
        let report = EvaluationReport(predictions: [
            row("a", "a", ms: 1), row("a", "b", ms: 2), row("b", "b", clarified: true, ms: 3), row("b", "b", ms: 4),
            row("out_of_scope", "out_of_scope", ms: 5), row("out_of_scope", "a", ms: 100),
        ])
        #expect(report.inScopeAccuracy == 0.75)
        #expect(report.outOfScopeRecall == 0.5)
        #expect(report.clarificationRate == 1.0 / 6.0)
        #expect(report.latencyP50 == 3)
        #expect(report.latencyP99 == 100)
        #expect(report.confusions.count == 2)
        let a = try #require(report.perIntent.first { $0.intent == "a" })
        #expect(a.precision == 0.5)  // 1 of 2 predicted "a" were right
        #expect(a.recall == 0.5)
    }

    @Test func emptyInputGivesZeros() {
        let report = EvaluationReport(predictions: [])
        #expect(report.rows == 0)
        #expect(report.inScopeAccuracy == 0)
        #expect(report.latencyP99 == 0)
    }
}
