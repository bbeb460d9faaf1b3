/// Small data: cross-validated training.
extension IntentTrainer {
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
        let predictions = parallelMap(k, threads: configuration.threads, empty: [(Int, [Float])]()) { f in
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
            return heldOut.map { i in
                let z = model.logits(for: examples[i].text)
                return (i, mapping.map { $0.map { z[$0] } ?? -1e30 })
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
