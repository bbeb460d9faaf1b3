/// Tuning: the temperature, then the decline threshold and margin, on validation rows.
extension IntentTrainer {
    /// Fits the temperature (minimum validation log-loss) and then the threshold and margin on
    /// `validation` rows (in-scope and out-of-scope together). Rows whose label is unknown to the model
    /// count as out-of-scope. Never pass test rows here.
    public static func tune(
        _ model: IntentModel,
        validation: [LabeledExample],
        criterion: TuningCriterion = .standard,
        fitTemperature: Bool = true
    ) -> (model: IntentModel, report: TuningReport) {
        let logits = validation.map { model.logits(for: $0.text) }
        let index = Dictionary(uniqueKeysWithValues: model.labels.enumerated().map { ($1, $0) })
        let truths = validation.map { example -> Int in
            guard let t = index[example.label], t != model.outOfScopeIndex else { return -1 }
            return t
        }
        return tune(model, logits: logits, truths: truths, criterion: criterion, fitTemperature: fitTemperature)
    }

    /// `truths[i]` is the in-scope class index or -1 for out-of-scope.
    static func tune(
        _ model: IntentModel,
        logits: [[Float]],
        truths: [Int],
        criterion: TuningCriterion,
        fitTemperature: Bool
    ) -> (model: IntentModel, report: TuningReport) {
        let temperature =
            fitTemperature
            ? bestTemperature(logits: logits, truths: truths, outOfScopeIndex: model.outOfScopeIndex)
            : model.temperature
        let summaries = logits.map { z -> IntentModel.Summary in
            var p = z
            IntentModel.softmax(&p, temperature: temperature)
            return IntentModel.summary(p, outOfScopeIndex: model.outOfScopeIndex)
        }
        let report = choosePolicy(summaries: summaries, truths: truths, criterion: criterion, temperature: temperature)
        return (model.with(temperature: temperature).with(policy: report.policy), report)
    }

    static func bestTemperature(logits: [[Float]], truths: [Int], outOfScopeIndex: Int) -> Double {
        func loss(_ t: Double) -> Double {
            var total = 0.0
            var n = 0
            for (z, truth) in zip(logits, truths) {
                let target = truth >= 0 ? truth : outOfScopeIndex
                guard target >= 0 else { continue }
                var p = z
                IntentModel.softmax(&p, temperature: t)
                total -= Math.log(Double(max(p[target], 1e-12)))
                n += 1
            }
            return n > 0 ? total / Double(n) : 0
        }
        var best = 1.0
        var bestLoss = loss(1)
        var t = 0.02
        while t <= 20 {
            let l = loss(t)
            if l < bestLoss {
                bestLoss = l
                best = t
            }
            t *= 1.15
        }
        // Refine around the best grid point.
        var step = best * 0.07
        for _ in 0..<12 {
            for candidate in [best - step, best + step] where candidate > 0.005 {
                let l = loss(candidate)
                if l < bestLoss {
                    bestLoss = l
                    best = candidate
                }
            }
            step *= 0.6
        }
        return best
    }

    struct Tally {
        var utility = 0.0
        var inScopeCorrect = 0
        var inScope = 0
        var outOfScopeDeclined = 0
        var outOfScope = 0
        var ambiguous = 0
    }

    static func tally(
        summaries: [IntentModel.Summary],
        truths: [Int],
        policy: DecisionPolicy,
        credit: Double,
        oosWeight: Double
    ) -> Tally {
        var t = Tally()
        for (s, truth) in zip(summaries, truths) {
            let outcome = IntentModel.decide(s, policy: policy)
            if outcome == .ambiguous { t.ambiguous += 1 }
            if truth < 0 {
                t.outOfScope += 1
                if outcome == .outOfScope {
                    t.outOfScopeDeclined += 1
                    t.utility += oosWeight
                }
            } else {
                t.inScope += 1
                switch outcome {
                case .outOfScope: break
                case .matched:
                    if s.best == truth {
                        t.utility += 1
                        t.inScopeCorrect += 1
                    }
                case .ambiguous:
                    if s.best == truth { t.inScopeCorrect += 1 }
                    if s.best == truth || s.second == truth { t.utility += credit }
                }
            }
        }
        return t
    }

    static func choosePolicy(
        summaries: [IntentModel.Summary],
        truths: [Int],
        criterion: TuningCriterion,
        temperature: Double
    ) -> TuningReport {
        let margins = stride(from: 0.0, through: 0.5, by: 0.01).map { $0 }
        var bestPolicy = DecisionPolicy.untuned
        var bestValue = -Double.infinity
        var bestTally = Tally()
        func consider(_ policy: DecisionPolicy, credit: Double, oosWeight: Double) {
            let t = tally(summaries: summaries, truths: truths, policy: policy, credit: credit, oosWeight: oosWeight)
            // Ties go to the earlier (smaller) threshold and margin.
            if t.utility > bestValue + 1e-9 {
                bestValue = t.utility
                bestPolicy = policy
                bestTally = t
            }
        }
        switch criterion {
        case .accuracy(let credit, let oosWeight):
            for threshold in stride(from: 0.0, through: 1.0, by: 0.005) {
                for margin in margins where credit > 0 || margin == 0 {
                    consider(DecisionPolicy(threshold: threshold, margin: margin), credit: credit, oosWeight: oosWeight)
                }
            }
        case .outOfScopeRecall(let minimum, let credit):
            let threshold = smallestThreshold(summaries: summaries, truths: truths, minimumRecall: minimum)
            for margin in margins where credit > 0 || margin == 0 {
                consider(DecisionPolicy(threshold: threshold, margin: margin), credit: credit, oosWeight: 1)
            }
        }
        let rows = max(1, summaries.count)
        return TuningReport(
            policy: bestPolicy,
            temperature: temperature,
            criterionValue: bestValue / Double(rows),
            inScopeAccuracy: Double(bestTally.inScopeCorrect) / Double(max(1, bestTally.inScope)),
            outOfScopeRecall: Double(bestTally.outOfScopeDeclined) / Double(max(1, bestTally.outOfScope)),
            clarificationRate: Double(bestTally.ambiguous) / Double(rows),
            rows: summaries.count
        )
    }

    /// Smallest threshold giving at least `minimumRecall` of out-of-scope rows declined.
    static func smallestThreshold(summaries: [IntentModel.Summary], truths: [Int], minimumRecall: Double) -> Double {
        var declinedByClass = 0
        var candidates: [Float] = []
        var total = 0
        for (s, truth) in zip(summaries, truths) where truth < 0 {
            total += 1
            if s.bestIsOutOfScope { declinedByClass += 1 } else { candidates.append(s.bestProbability) }
        }
        guard total > 0 else { return 0 }
        let needed = Int((minimumRecall * Double(total)).rounded(.up)) - declinedByClass
        if needed <= 0 { return 0 }
        candidates.sort()
        guard needed <= candidates.count else { return 1.0.nextUp }
        // Declined iff probability < threshold: just above the needed-th smallest probability.
        return Double(candidates[needed - 1]).nextUp
    }
}
