public import AssistantCore
public import Foundation
public import IntentClassifier

/// The trained classifier behind the ``IntentMatcher`` seam: TF-IDF word and character n-grams, softmax regression
/// with an explicit out-of-scope class, calibrated probabilities, and a decline threshold and ambiguity margin chosen
/// by cross-validation on the training examples (never on test questions).
public struct TrainedIntentMatcher: IntentMatcher {
    public let model: IntentModel

    public init(model: IntentModel) {
        self.model = model
    }

    /// The tuning criterion for the product: declining counts double, because a wrong confident answer is worse
    /// than "I can't answer that — here is who to ask".
    public static let criterion = TuningCriterion.accuracy(clarificationCredit: 0.8, outOfScopeWeight: 2)

    /// Trains on `examples` (out-of-scope rows labelled ``Intent/outOfScopeID``), choosing the policy by 5-fold
    /// cross-validation. Blocks the calling thread for a few seconds: call it off the cooperative pool.
    public static func train(_ examples: [LabeledText], vectors: TokenVectors? = nil) -> TrainedIntentMatcher {
        let (model, _) = IntentTrainer.train(
            examples: examples.map { LabeledExample(text: $0.text, label: $0.label) },
            outOfScopeLabel: Intent.outOfScopeID,
            configuration: configuration(vectors),
            criterion: criterion,
            tokenVectors: vectors
        )
        return TrainedIntentMatcher(model: model)
    }

    /// The training configuration: with the distilled vectors when there are some, n-grams alone otherwise.
    public static func configuration(_ vectors: TokenVectors?) -> TrainingConfiguration {
        vectors == nil ? TrainingConfiguration() : .withTokenVectors
    }

    public func classify(_ text: String) -> Classification {
        let prediction = model.classify(text, top: 6)
        let ranked = prediction.ranked.filter { $0.label != Intent.outOfScopeID }.map {
            ScoredIntent(id: $0.label, score: $0.probability)
        }
        switch prediction.decision {
        case .matched(let id): return Classification(ranked: ranked, decision: .matched(id))
        case .ambiguous(let first, let second):
            return Classification(ranked: ranked, decision: .ambiguous(first, second))
        case .outOfScope: return Classification(ranked: ranked, decision: .outOfScope)
        }
    }
}

/// Keeps trained models on disk keyed by a hash of the training examples and the classifier's settings, so a
/// restart with unchanged content does not retrain and any change retrains automatically.
public struct ModelCache: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Bumped when the model format or training method changes, so old cached models are not reused.
    static let version = "classifier-v4"

    /// The cache key of a training set: FNV-1a 64 over the version, the criterion and every label and text in order.
    public static func key(_ examples: [LabeledText], vectors: TokenVectors? = nil) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01b3
            }
            hash ^= 0xff
            hash = hash &* 0x100_0000_01b3
        }
        mix(version)
        mix("\(TrainedIntentMatcher.criterion)")
        mix("vectors:\(vectors.map { String($0.contentHash, radix: 16) } ?? "none")")
        for example in examples {
            mix(example.label)
            mix(example.text)
        }
        return String(hash, radix: 16)
    }

    /// The cached matcher for `examples`, or a newly trained one (written to the cache); `willTrain` is called
    /// before training, which takes seconds, so a caller can say so.
    public func matcher(
        for examples: [LabeledText],
        vectors: TokenVectors? = nil,
        willTrain: () -> Void = {}
    ) -> (matcher: TrainedIntentMatcher, fromCache: Bool) {
        let file = directory.appendingPathComponent("intent-model-\(Self.key(examples, vectors: vectors)).bin")
        if let data = FileManager.default.contents(atPath: file.path),
            let model = try? IntentModel(serialized: [UInt8](data), tokenVectors: vectors)
        {
            return (TrainedIntentMatcher(model: model), true)
        }
        willTrain()
        let trained = TrainedIntentMatcher.train(examples, vectors: vectors)
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Written to a temporary name first, so a crash never leaves half a model under the real name.
        let temporary = directory.appendingPathComponent(".\(file.lastPathComponent).\(UUID().uuidString)")
        if FileManager.default.createFile(atPath: temporary.path, contents: Data(trained.model.serialized())) {
            _ = try? FileManager.default.replaceItemAt(file, withItemAt: temporary)
            if FileManager.default.fileExists(atPath: temporary.path) {
                try? FileManager.default.moveItem(at: temporary, to: file)
            }
        }
        return (trained, false)
    }
}
