import Dispatch
import TextNormalization

/// Hyper-parameters of training. The defaults are the ones chosen on CLINC150 validation data.
public struct TrainingConfiguration: Sendable, Codable, Hashable {
    public var features: FeatureConfiguration
    public var epochs: Int
    public var learningRate: Float
    public var l2: Float
    /// Extra weight of out-of-scope training rows (after class balancing, if on).
    public var outOfScopeWeight: Float
    /// Give every class the same total weight (matters when the out-of-scope class is much larger).
    public var classBalanced: Bool
    /// Seed of the SGD shuffling and of the cross-validation folds.
    public var seed: UInt64
    /// Small data gets more epochs: at least this many SGD updates in total (epochs are raised, capped at 400).
    public var minimumUpdates: Int
    /// Average the end-of-epoch weights over this last fraction of the epochs (0 = last iterate only).
    public var averagedFraction: Double
    /// Input dropout: probability of dropping each active feature in an SGD step.
    public var dropout: Float
    /// Train a word-feature model and a char-feature model separately (in parallel) and average their logits.
    public var viewEnsemble: Bool
    /// Number of SGD runs with different seeds whose weights are averaged (run in parallel on `threads`).
    public var ensembleSize: Int
    /// Worker threads for feature extraction and cross-validation folds (1 = run on the caller's thread).
    public var threads: Int
    /// Scale of the dense sentence-vector block next to the unit-norm word and char blocks (used only when
    /// the model is trained with `TokenVectors`).
    public var tokenVectorWeight: Float
    /// Input dropout of the dense sentence-vector block (a negative value means: the same as `dropout`).
    public var tokenVectorDropout: Float

    /// The settings chosen on CLINC150 validation data for training with `TokenVectors`: 12 epochs (small data
    /// still gets at least `minimumUpdates` updates), block weight 1, dense dropout 0.3. The dense block
    /// makes each SGD step about 3× dearer, and 12 epochs keep full-CLINC training time near the sparse model's.
    public static let withTokenVectors = TrainingConfiguration(
        epochs: 12,
        tokenVectorWeight: 1,
        tokenVectorDropout: 0.3
    )

    public init(
        features: FeatureConfiguration = FeatureConfiguration(),
        epochs: Int = 30,
        minimumUpdates: Int = 160_000,
        learningRate: Float = 1.0,
        l2: Float = 1e-6,
        outOfScopeWeight: Float = 1,
        classBalanced: Bool = true,
        seed: UInt64 = 0x5eed,
        averagedFraction: Double = 0.5,
        ensembleSize: Int = 1,
        dropout: Float = 0.7,
        viewEnsemble: Bool = false,
        threads: Int = 2,
        tokenVectorWeight: Float = 1,
        tokenVectorDropout: Float = 0.3
    ) {
        self.tokenVectorWeight = tokenVectorWeight
        self.tokenVectorDropout = tokenVectorDropout
        self.viewEnsemble = viewEnsemble
        self.dropout = dropout
        self.minimumUpdates = minimumUpdates
        self.averagedFraction = averagedFraction
        self.ensembleSize = ensembleSize
        self.features = features
        self.epochs = epochs
        self.learningRate = learningRate
        self.l2 = l2
        self.outOfScopeWeight = outOfScopeWeight
        self.classBalanced = classBalanced
        self.seed = seed
        self.threads = threads
    }
}

/// How `IntentTrainer.tune` chooses the threshold and margin on validation rows.
public enum TuningCriterion: Sendable, Codable, Hashable {
    /// Maximise validation accuracy over in-scope and out-of-scope rows together, where a clarification
    /// (`ambiguous`) that contains the right intent earns `clarificationCredit` (between 0 and 1) and each
    /// out-of-scope row counts `outOfScopeWeight` times. With credit 0 and weight 1 this is plain accuracy.
    case accuracy(clarificationCredit: Double, outOfScopeWeight: Double)
    /// The smallest threshold whose out-of-scope recall on validation is at least `minimumRecall`;
    /// the margin then maximises `accuracy(clarificationCredit:, outOfScopeWeight: 1)` at that threshold.
    case outOfScopeRecall(minimumRecall: Double, clarificationCredit: Double)

    /// The default: accuracy with half credit for a right clarification and out-of-scope rows weighted 1.
    public static let standard = TuningCriterion.accuracy(clarificationCredit: 0.5, outOfScopeWeight: 1)
}

/// What tuning chose and how it did on the rows it tuned on.
public struct TuningReport: Sendable, Codable, Hashable {
    public var policy: DecisionPolicy
    public var temperature: Double
    public var criterionValue: Double
    public var inScopeAccuracy: Double
    public var outOfScopeRecall: Double
    public var clarificationRate: Double
    public var rows: Int
}

/// Training, tuning and cross-validated training of `IntentModel`s. Stateless; all functions are pure.
public enum IntentTrainer {
    // MARK: - Fit

    /// Trains a model on all `examples` (the policy is left untuned: threshold 0, margin 0, temperature 1).
    /// Labels are sorted, so the model does not depend on the order of distinct labels in the input;
    /// with the same examples in the same order and the same configuration the model is bit-identical.
    /// With `tokenVectors`, each message's sentence vector is a dense feature block next to the sparse
    /// TF-IDF features (scaled by `configuration.tokenVectorWeight`), and the model keeps the vectors.
    public static func fit(
        examples: [LabeledExample],
        outOfScopeLabel: String?,
        configuration: TrainingConfiguration = .init(),
        tokenVectors: TokenVectors? = nil
    ) -> IntentModel {
        let labels = Array(Set(examples.map(\.label))).sorted()
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let texts = examples.map(\.text)
        // The n-gram counts of every text are needed only to choose the vocabulary: they are dropped before the
        // rows are made (extracting twice costs a fraction of a second and saves tens of MB at the peak).
        let space = FeatureSpace.build(
            documents: extract(texts: texts, config: configuration.features, threads: configuration.threads),
            config: configuration.features
        )
        let rows = vectors(texts: texts, space: space, threads: configuration.threads)
        let denseCount = tokenVectors?.dimensions ?? 0
        let totalFeatures = space.count + denseCount
        // The sentence vectors, as token ids beside the sparse rows.
        let dense = tokenVectors.map { vectors in
            SoftmaxTrainer.DenseBlock(texts: texts, vectors: vectors, weight: configuration.tokenVectorWeight)
        }
        // swift-format-ignore: NeverForceUnwrap
        let targets = examples.map { labelIndex[$0.label]! }
        var classSizes = [Int](repeating: 0, count: labels.count)
        for t in targets { classSizes[t] += 1 }
        let mean = Float(examples.count) / Float(max(1, labels.count))
        let oosIndex = outOfScopeLabel.flatMap { labelIndex[$0] } ?? -1
        let sampleWeights = targets.map { t -> Float in
            var w: Float = configuration.classBalanced ? mean / Float(classSizes[t]) : 1
            if t == oosIndex { w *= configuration.outOfScopeWeight }
            return w
        }
        let epochs = min(
            max(configuration.epochs, (configuration.minimumUpdates + rows.count - 1) / max(1, rows.count)),
            max(configuration.epochs, 400)
        )
        let views = configuration.viewEnsemble
        let runs = views ? 2 : max(1, configuration.ensembleSize)
        let features = configuration.features
        let isChar = space.keys.map { $0 & FeatureHasher.charBit != 0 }
        let sparseCount = space.count
        let trainingRows = rows
        /// Rows restricted to one block (0 word, 1 char), unit norm; the dense block is in both views.
        @Sendable func viewRows(_ view: Int) -> [SparseVector] {
            let blockWeight = view == 0 ? features.wordBlockWeight : features.charBlockWeight
            return trainingRows.map { row in
                var v = SparseVector(indices: [], values: [])
                for (j, f) in row.indices.enumerated() {
                    if Int(f) >= sparseCount {
                        v.indices.append(f)
                        v.values.append(row.values[j])
                    } else if isChar[Int(f)] == (view == 1) {
                        v.indices.append(f)
                        v.values.append(row.values[j] / blockWeight)
                    }
                }
                return v
            }
        }
        var results = [(weights: [Float], bias: [Float])](repeating: ([], []), count: runs)
        results.withUnsafeMutableBufferPointer { buffer in
            // swift-format-ignore: NeverForceUnwrap
            let out = UnsafeSendableBuffer(base: buffer.baseAddress!)
            let workers = max(1, min(configuration.threads, runs))
            parallelFor(workers) { worker in
                var run = worker
                while run < runs {
                    var trainer = SoftmaxTrainer(
                        featureCount: totalFeatures,
                        classCount: labels.count,
                        epochs: epochs,
                        learningRate: configuration.learningRate,
                        l2: configuration.l2,
                        seed: configuration.seed &+ UInt64(run) &* 0x9e37_79b9
                    )
                    trainer.dropout = configuration.dropout
                    trainer.denseFrom = sparseCount
                    trainer.denseDropout =
                        configuration.tokenVectorDropout < 0 ? configuration.dropout : configuration.tokenVectorDropout
                    let averaged = Int((Double(epochs) * configuration.averagedFraction).rounded())
                    if averaged > 0 { trainer.averageFrom = max(0, epochs - averaged) }
                    out.base[run] = trainer.train(
                        rows: views ? viewRows(run) : trainingRows,
                        dense: dense,
                        targets: targets,
                        sampleWeights: sampleWeights
                    )
                    run += workers
                }
            }
        }
        var weights = results[0].weights
        var bias = results[0].bias
        if views {
            let wordScale = 0.5 / features.wordBlockWeight
            let charScale = 0.5 / features.charBlockWeight
            let c = labels.count
            for f in 0..<space.count {
                let source = isChar[f] ? results[1].weights : results[0].weights
                let scale = isChar[f] ? charScale : wordScale
                for k in 0..<c { weights[f * c + k] = source[f * c + k] * scale }
            }
            for i in (space.count * c)..<(totalFeatures * c) {
                weights[i] = 0.5 * (results[0].weights[i] + results[1].weights[i])
            }
            for k in bias.indices { bias[k] = 0.5 * (results[0].bias[k] + results[1].bias[k]) }
        } else if runs > 1 {
            for r in 1..<runs {
                for i in weights.indices { weights[i] += results[r].weights[i] }
                for k in bias.indices { bias[k] += results[r].bias[k] }
            }
            let inverse = 1 / Float(runs)
            for i in weights.indices { weights[i] *= inverse }
            for k in bias.indices { bias[k] *= inverse }
        }
        results = []
        return IntentModel(
            labels: labels,
            outOfScopeLabel: oosIndex >= 0 ? outOfScopeLabel : nil,
            temperature: 1,
            policy: .untuned,
            trainingConfiguration: configuration,
            space: space,
            weights: weights,
            bias: bias,
            tokenVectors: tokenVectors
        )
    }

    static func extract(texts: [String], config: FeatureConfiguration, threads: Int) -> [[(key: UInt64, count: Int32)]]
    {
        let normalizer = TextNormalizer()
        var result = [[(key: UInt64, count: Int32)]](repeating: [], count: texts.count)
        let workers = max(1, min(threads, texts.count / 64 + 1))
        result.withUnsafeMutableBufferPointer { buffer in
            // swift-format-ignore: NeverForceUnwrap
            let out = UnsafeSendableBuffer(base: buffer.baseAddress!)
            parallelFor(workers) { worker in
                var raw: [UInt64] = []
                var i = worker
                while i < texts.count {
                    raw.removeAll(keepingCapacity: true)
                    FeatureHasher.keys(tokens: normalizer.tokens(texts[i]), config: config, into: &raw)
                    out.base[i] = FeatureHasher.counted(&raw)
                    i += workers
                }
            }
        }
        return result
    }

    /// The TF-IDF rows of `texts` in `space`, each made as soon as its n-grams are counted.
    static func vectors(texts: [String], space: FeatureSpace, threads: Int) -> [SparseVector] {
        let normalizer = TextNormalizer()
        var result = [SparseVector](repeating: SparseVector(indices: [], values: []), count: texts.count)
        let workers = max(1, min(threads, texts.count / 64 + 1))
        result.withUnsafeMutableBufferPointer { buffer in
            // swift-format-ignore: NeverForceUnwrap
            let out = UnsafeSendableBuffer(base: buffer.baseAddress!)
            parallelFor(workers) { worker in
                var raw: [UInt64] = []
                var i = worker
                while i < texts.count {
                    raw.removeAll(keepingCapacity: true)
                    FeatureHasher.keys(tokens: normalizer.tokens(texts[i]), config: space.config, into: &raw)
                    out.base[i] = space.vector(counted: FeatureHasher.counted(&raw))
                    i += workers
                }
            }
        }
        return result
    }

    /// Runs `body(0..<count)` on up to `count` threads; runs inline when `count` is 1.
    static func parallelFor(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if count <= 1 {
            body(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }

    // MARK: - Tune

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

    // MARK: - Small data: cross-validated training

    /// Small-data helper: chooses temperature, threshold and margin by stratified k-fold cross-validation
    /// on `examples` (out-of-fold predictions), then trains the final model on all examples and attaches
    /// them. Labels with fewer than 2 examples are always in the training part of every fold.
    /// Folds are trained on `configuration.threads` threads. `tokenVectors` as in `fit`.
    public static func train(
        examples: [LabeledExample],
        outOfScopeLabel: String?,
        configuration: TrainingConfiguration = .init(),
        folds: Int = 5,
        criterion: TuningCriterion = .standard,
        tokenVectors: TokenVectors? = nil
    ) -> (model: IntentModel, report: TuningReport) {
        let k = max(2, folds)
        // Stratified fold assignment: shuffle each label's rows with the seed, deal them round-robin.
        var fold = [Int](repeating: -1, count: examples.count)
        var byLabel: [String: [Int]] = [:]
        for (i, e) in examples.enumerated() { byLabel[e.label, default: []].append(i) }
        var rng = SplitMix64(seed: configuration.seed ^ 0xf01d)
        var offset = 0
        for label in byLabel.keys.sorted() {
            // swift-format-ignore: NeverForceUnwrap
            var members = byLabel[label]!
            guard members.count >= 2 else { continue }
            rng.shuffle(&members)
            for (position, i) in members.enumerated() { fold[i] = (position + offset) % k }
            offset += members.count
        }
        var singleThreaded = configuration
        singleThreaded.threads = 1
        let foldConfiguration = singleThreaded
        let foldOf = fold
        let finalModel = fit(
            examples: examples,
            outOfScopeLabel: outOfScopeLabel,
            configuration: configuration,
            tokenVectors: tokenVectors
        )
        var predictions = [[(Int, [Float])]](repeating: [], count: k)
        predictions.withUnsafeMutableBufferPointer { buffer in
            // swift-format-ignore: NeverForceUnwrap
            let out = UnsafeSendableBuffer(base: buffer.baseAddress!)
            let workers = max(1, min(configuration.threads, k))
            parallelFor(workers) { worker in
                var f = worker
                while f < k {
                    let trainPart = examples.indices.filter { foldOf[$0] != f }.map { examples[$0] }
                    let heldOut = examples.indices.filter { foldOf[$0] == f }
                    let model = fit(
                        examples: trainPart,
                        outOfScopeLabel: outOfScopeLabel,
                        configuration: foldConfiguration,
                        tokenVectors: tokenVectors
                    )
                    // Map fold-model logits onto the final label order (missing labels get -inf).
                    let mapping = finalModel.labels.map { model.labels.firstIndex(of: $0) }
                    out.base[f] = heldOut.map { i in
                        let z = model.logits(for: examples[i].text)
                        return (i, mapping.map { $0.map { z[$0] } ?? -1e30 })
                    }
                    f += workers
                }
            }
        }
        let all = predictions.flatMap { $0 }.sorted { $0.0 < $1.0 }
        let index = Dictionary(uniqueKeysWithValues: finalModel.labels.enumerated().map { ($1, $0) })
        let truths = all.map { entry -> Int in
            // swift-format-ignore: NeverForceUnwrap
            let t = index[examples[entry.0].label]!
            return t == finalModel.outOfScopeIndex ? -1 : t
        }
        return tune(finalModel, logits: all.map { $0.1 }, truths: truths, criterion: criterion, fitTemperature: true)
    }
}
