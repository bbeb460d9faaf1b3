import Dispatch
import TextNormalization

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
        var results = parallelMap(runs, threads: configuration.threads, empty: (weights: [Float](), bias: [Float]())) {
            run in
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
            return trainer.train(
                rows: views ? viewRows(run) : trainingRows,
                dense: dense,
                targets: targets,
                sampleWeights: sampleWeights
            )
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

    /// The hashed n-gram counts of `texts`, on up to `threads` threads.
    static func extract(texts: [String], config: FeatureConfiguration, threads: Int) -> [[(key: UInt64, count: Int32)]]
    {
        rows(of: texts, config: config, threads: threads, empty: []) { $0 }
    }

    /// The TF-IDF rows of `texts` in `space`, each made as soon as its n-grams are counted.
    static func vectors(texts: [String], space: FeatureSpace, threads: Int) -> [SparseVector] {
        rows(of: texts, config: space.config, threads: threads, empty: SparseVector(indices: [], values: [])) {
            space.vector(counted: $0)
        }
    }

    /// Counts each text's hashed n-grams and turns the counts into its row with `row`, the texts shared out over up
    /// to `threads` threads (one per 64 texts at most); `empty` fills the rows until each is made.
    static func rows<Row>(
        of texts: [String],
        config: FeatureConfiguration,
        threads: Int,
        empty: Row,
        _ row: @Sendable ([(key: UInt64, count: Int32)]) -> Row
    ) -> [Row] {
        let normalizer = TextNormalizer()
        var result = [Row](repeating: empty, count: texts.count)
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
                    out.base[i] = row(FeatureHasher.counted(&raw))
                    i += workers
                }
            }
        }
        return result
    }

    /// `body(i)` for each `i` in `0..<count`, on up to `threads` threads (worker `w` takes `w`, `w + workers`, …), in
    /// index order whatever the threads' timing; `empty` fills the results until each is made.
    static func parallelMap<Result>(
        _ count: Int,
        threads: Int,
        empty: Result,
        _ body: @Sendable (Int) -> Result
    ) -> [Result] {
        var results = [Result](repeating: empty, count: count)
        let workers = max(1, min(threads, count))
        results.withUnsafeMutableBufferPointer { buffer in
            // swift-format-ignore: NeverForceUnwrap
            let out = UnsafeSendableBuffer(base: buffer.baseAddress!)
            parallelFor(workers) { worker in
                var index = worker
                while index < count {
                    out.base[index] = body(index)
                    index += workers
                }
            }
        }
        return results
    }

    /// Runs `body(0..<count)` on up to `count` threads; runs inline when `count` is 1.
    static func parallelFor(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if count <= 1 {
            body(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        }
    }
}
