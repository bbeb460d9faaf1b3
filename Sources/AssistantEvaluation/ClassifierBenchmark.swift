public import AssistantCore
public import AssistantService
import Foundation
public import IntentClassifier

/// Measures the trained classifier on labelled data sets, one query at a time: the public CLINC150 benchmark
/// (train on `train` + `oos_train`, tune on `val` + `oos_val`, report on `test` + `oos_test`), or any
/// `intent<TAB>question` train and test files (tuned by cross-validation on the training file).
public enum ClassifierBenchmark {
    /// The figures for one setting.
    public struct Result: Sendable {
        public let setting: String
        public let trainRows: Int
        public let report: EvaluationReport
        /// In-scope accuracy with the threshold chosen (on validation) for out-of-scope recall ≥ 0.8.
        public let accuracyAtRecall08: Double
        public let outOfScopeRecallAt08: Double
        public let trainSeconds: Double
        public let modelBytes: Int
        public let parameters: Int
        public let threshold: Double
        public let margin: Double
    }

    /// Reads CLINC150's `data_full.json`: each key a list of `[text, label]`; `oos` becomes `out_of_scope`.
    public static func loadCLINC(_ path: String) throws(ServiceError) -> [String: [LabeledText]] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServiceError("\(path): cannot be read")
        }
        guard let raw = try? JSONDecoder().decode([String: [[String]]].self, from: data) else {
            throw ServiceError("\(path): not CLINC150 JSON (keys of [text, label] lists)")
        }
        return raw.mapValues { rows in
            rows.compactMap { row in
                row.count == 2 ? LabeledText(text: row[0], label: row[1] == "oos" ? Intent.outOfScopeID : row[1]) : nil
            }
        }
    }

    /// CLINC150: train, tune on validation, test. With `shots`, `shots` examples per intent drawn with `seed`
    /// (plus every out-of-scope training row).
    public static func clinc(
        _ data: [String: [LabeledText]],
        shots: Int?,
        seed: UInt64 = 1,
        vectors: TokenVectors? = nil,
        criterion: TuningCriterion = TrainedIntentMatcher.criterion,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws(ServiceError) -> Result {
        guard let train = data["train"], let oosTrain = data["oos_train"], let val = data["val"],
            let oosVal = data["oos_val"], let test = data["test"], let oosTest = data["oos_test"]
        else { throw ServiceError("CLINC150 data needs train, oos_train, val, oos_val, test and oos_test") }
        let rows = (shots.map { sample(train, perLabel: $0, seed: seed) } ?? train) + oosTrain
        let clock = ContinuousClock()
        let started = clock.now
        let raw = IntentTrainer.fit(
            examples: rows.map(example),
            outOfScopeLabel: Intent.outOfScopeID,
            configuration: TrainedIntentMatcher.configuration(vectors),
            tokenVectors: vectors
        )
        let (model, _) = IntentTrainer.tune(
            raw,
            validation: (val + oosVal).map(example),
            criterion: criterion
        )
        let trainSeconds = (clock.now - started).seconds
        let (model80, _) = IntentTrainer.tune(
            raw,
            validation: (val + oosVal).map(example),
            criterion: .outOfScopeRecall(minimumRecall: 0.8, clarificationCredit: 0.5)
        )
        let setting = shots.map { "\($0) examples per intent (random draw, seed \(seed))" } ?? "full"
        return measure(
            model,
            model80,
            test: test + oosTest,
            setting: setting,
            trainRows: rows.count,
            trainSeconds: trainSeconds,
            progress: progress
        )
    }

    /// Any labelled train and test sets; the policy is chosen by cross-validation on `train`.
    public static func trainTest(
        _ train: [LabeledText],
        _ test: [LabeledText],
        vectors: TokenVectors? = nil,
        criterion: TuningCriterion = TrainedIntentMatcher.criterion,
        progress: (Int, Int) -> Void = { _, _ in }
    ) -> Result {
        let clock = ContinuousClock()
        let started = clock.now
        let (model, _) = IntentTrainer.train(
            examples: train.map(example),
            outOfScopeLabel: Intent.outOfScopeID,
            configuration: TrainedIntentMatcher.configuration(vectors),
            criterion: criterion,
            tokenVectors: vectors
        )
        let trainSeconds = (clock.now - started).seconds
        let (model80, _) = IntentTrainer.train(
            examples: train.map(example),
            outOfScopeLabel: Intent.outOfScopeID,
            configuration: TrainedIntentMatcher.configuration(vectors),
            criterion: .outOfScopeRecall(minimumRecall: 0.8, clarificationCredit: 0.5),
            tokenVectors: vectors
        )
        return measure(
            model,
            model80,
            test: test,
            setting: "train/test files",
            trainRows: train.count,
            trainSeconds: trainSeconds,
            progress: progress
        )
    }

    private static func measure(
        _ model: IntentModel,
        _ model80: IntentModel,
        test: [LabeledText],
        setting: String,
        trainRows: Int,
        trainSeconds: Double,
        progress: (Int, Int) -> Void
    ) -> Result {
        let matcher = TrainedIntentMatcher(model: model)
        let clock = ContinuousClock()
        for row in test.prefix(200) { _ = matcher.classify(row.text) }  // warm-up
        var predictions: [EvaluationReport.Prediction] = []
        predictions.reserveCapacity(test.count)
        for (index, row) in test.enumerated() {
            var classification: Classification?
            let elapsed = clock.measure { classification = matcher.classify(row.text) }
            let decision = classification?.decision ?? .outOfScope
            var clarified = false
            if case .ambiguous = decision { clarified = true }
            predictions.append(
                .init(
                    label: row.label,
                    predicted: classification?.topIntent ?? Intent.outOfScopeID,
                    clarified: clarified,
                    latencyMilliseconds: elapsed.milliseconds
                )
            )
            progress(index + 1, test.count)
        }
        let matcher80 = TrainedIntentMatcher(model: model80)
        let report80 = EvaluationReport(
            predictions: test.map {
                .init(
                    label: $0.label,
                    predicted: matcher80.classify($0.text).topIntent,
                    clarified: false,
                    latencyMilliseconds: 0
                )
            }
        )
        return Result(
            setting: setting,
            trainRows: trainRows,
            report: EvaluationReport(predictions: predictions),
            accuracyAtRecall08: report80.inScopeAccuracy,
            outOfScopeRecallAt08: report80.outOfScopeRecall,
            trainSeconds: trainSeconds,
            modelBytes: model.serialized().count,
            parameters: model.parameterCount,
            threshold: model.policy.threshold,
            margin: model.policy.margin
        )
    }

    /// `perLabel` rows of each label after a seeded shuffle (SplitMix64), in shuffled order.
    static func sample(_ rows: [LabeledText], perLabel: Int, seed: UInt64) -> [LabeledText] {
        var shuffled = rows
        var state = seed
        for index in stride(from: shuffled.count - 1, to: 0, by: -1) {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            shuffled.swapAt(index, Int((z ^ (z >> 31)) % UInt64(index + 1)))
        }
        var seen: [String: Int] = [:]
        return shuffled.filter { row in
            seen[row.label, default: 0] += 1
            return seen[row.label, default: 0] <= perLabel
        }
    }

    private static func example(_ row: LabeledText) -> LabeledExample {
        LabeledExample(text: row.text, label: row.label)
    }

    /// Peak resident memory of this process in bytes (VmHWM), or nil where /proc is not there.
    public static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "").map { $0 * 1024 }
        }
        return nil
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
