import TextNormalization

/// A labelled training or evaluation row.
public struct LabeledExample: Sendable, Codable, Hashable {
    public var text: String
    public var label: String

    public init(text: String, label: String) {
        self.text = text
        self.label = label
    }
}

/// One label with its calibrated probability.
public struct ScoredLabel: Sendable, Codable, Hashable {
    public var label: String
    public var probability: Double

    public init(label: String, probability: Double) {
        self.label = label
        self.probability = probability
    }
}

/// What the assistant should do with a message.
public enum IntentDecision: Sendable, Codable, Hashable {
    /// Answer with this intent.
    case matched(String)
    /// Two intents are too close: ask the user which one they mean (best first).
    case ambiguous(String, String)
    /// Decline: the message is out of scope (or too uncertain to answer).
    case outOfScope
}

/// Confidence threshold and ambiguity margin applied to calibrated probabilities.
public struct DecisionPolicy: Sendable, Codable, Hashable {
    /// The best in-scope probability must reach this, otherwise the message is declined.
    public var threshold: Double
    /// If best − second-best in-scope probability is below this, the decision is `ambiguous`.
    public var margin: Double

    public init(threshold: Double, margin: Double) {
        self.threshold = threshold
        self.margin = margin
    }

    public static let untuned = DecisionPolicy(threshold: 0, margin: 0)
}

/// Result of `IntentModel.classify`.
public struct IntentPrediction: Sendable, Hashable {
    /// Labels by decreasing probability (the out-of-scope class included), at most the requested count.
    public var ranked: [ScoredLabel]
    public var decision: IntentDecision
}

/// A trained, immutable intent classifier: features, linear softmax model, temperature and decision policy.
///
/// Thread-safe (a value type with no mutable state): one instance can serve concurrent queries.
public struct IntentModel: Sendable {
    /// Class labels in model order (the out-of-scope label, if any, is one of them).
    public let labels: [String]
    /// The label of the explicit out-of-scope class, if one was trained.
    public let outOfScopeLabel: String?
    /// Softmax temperature (probabilities are softmax(logits / temperature)).
    public let temperature: Double
    public let policy: DecisionPolicy
    public let trainingConfiguration: TrainingConfiguration

    let space: FeatureSpace
    /// Feature-major weights: `weights[feature * labels.count + class]`.
    let weights: [Float]
    let bias: [Float]
    let outOfScopeIndex: Int
    let normalizer = TextNormalizer()
    /// Static token vectors whose sentence vector is a dense feature block (nil: sparse features only).
    public let tokenVectors: TokenVectors?
    /// Scale of the dense sentence-vector block (`trainingConfiguration.tokenVectorWeight`).
    let denseWeight: Float

    init(
        labels: [String],
        outOfScopeLabel: String?,
        temperature: Double,
        policy: DecisionPolicy,
        trainingConfiguration: TrainingConfiguration,
        space: FeatureSpace,
        weights: [Float],
        bias: [Float],
        tokenVectors: TokenVectors? = nil
    ) {
        self.tokenVectors = tokenVectors
        self.denseWeight = trainingConfiguration.tokenVectorWeight
        self.labels = labels
        self.outOfScopeLabel = outOfScopeLabel
        self.temperature = temperature
        self.policy = policy
        self.trainingConfiguration = trainingConfiguration
        self.space = space
        self.weights = weights
        self.bias = bias
        self.outOfScopeIndex = outOfScopeLabel.flatMap { labels.firstIndex(of: $0) } ?? -1
    }

    /// Number of learned parameters (weights and biases; the idf table is counted too).
    public var parameterCount: Int { weights.count + bias.count + space.idf.count }
    /// Number of sparse features in the vocabulary (the dense block is `tokenVectorDimensions` more).
    public var featureCount: Int { space.count }
    /// Dimensions of the dense sentence-vector block (0 without token vectors).
    public var tokenVectorDimensions: Int { tokenVectors?.dimensions ?? 0 }

    /// The same model with another decision policy.
    public func with(policy: DecisionPolicy) -> IntentModel {
        with(temperature: temperature, policy: policy)
    }

    /// The same model with another softmax temperature.
    public func with(temperature: Double) -> IntentModel {
        with(temperature: temperature, policy: policy)
    }

    func with(temperature: Double, policy: DecisionPolicy) -> IntentModel {
        IntentModel(
            labels: labels,
            outOfScopeLabel: outOfScopeLabel,
            temperature: temperature,
            policy: policy,
            trainingConfiguration: trainingConfiguration,
            space: space,
            weights: weights,
            bias: bias,
            tokenVectors: tokenVectors
        )
    }

    // MARK: - Scoring

    /// Raw logits (before temperature) of a message, in `labels` order.
    public func logits(for text: String) -> [Float] {
        logits(vector: features(text))
    }

    /// Sparse TF-IDF features of `text`, followed by the dense sentence-vector block if the model has one.
    func features(_ text: String) -> SparseVector {
        var vector = space.vector(tokens: normalizer.tokens(text))
        if let tokenVectors {
            Self.appendDense(tokenVectors.sentenceVector(text), weight: denseWeight, base: space.count, to: &vector)
        }
        return vector
    }

    static func appendDense(_ dense: [Float], weight: Float, base: Int, to vector: inout SparseVector) {
        vector.indices.reserveCapacity(vector.indices.count + dense.count)
        vector.values.reserveCapacity(vector.values.count + dense.count)
        for (d, x) in dense.enumerated() where x != 0 {
            vector.indices.append(Int32(base + d))
            vector.values.append(weight * x)
        }
    }

    func logits(vector: SparseVector) -> [Float] { linearLogits(vector: vector) }

    func linearLogits(vector: SparseVector) -> [Float] {
        let c = labels.count
        var z = bias
        z.withUnsafeMutableBufferPointer { zb in
            weights.withUnsafeBufferPointer { wb in
                // swift-format-ignore: NeverForceUnwrap
                let zp = zb.baseAddress!
                // swift-format-ignore: NeverForceUnwrap
                let wp = wb.baseAddress!
                for j in 0..<vector.indices.count {
                    let x = vector.values[j]
                    let row = wp + Int(vector.indices[j]) * c
                    for k in 0..<c { zp[k] += x * row[k] }
                }
            }
        }
        return z
    }

    /// Calibrated probabilities of a message, in `labels` order.
    public func probabilities(for text: String) -> [Float] {
        var z = logits(for: text)
        Self.softmax(&z, temperature: temperature)
        return z
    }

    static func softmax(_ z: inout [Float], temperature: Double) {
        let count = z.count
        z.withUnsafeMutableBufferPointer {
            // swift-format-ignore: NeverForceUnwrap
            Math.softmax($0.baseAddress!, count: count, temperature: Float(temperature))
        }
    }

    /// Ranked labels and the decision for a message.
    public func classify(_ text: String, top: Int = 5) -> IntentPrediction {
        let p = probabilities(for: text)
        return IntentPrediction(ranked: Self.ranked(p, labels: labels, top: top), decision: decide(probabilities: p))
    }

    static func ranked(_ p: [Float], labels: [String], top: Int) -> [ScoredLabel] {
        let order = p.indices.sorted { p[$0] != p[$1] ? p[$0] > p[$1] : $0 < $1 }
        return order.prefix(max(0, top)).map { ScoredLabel(label: labels[$0], probability: Double(p[$0])) }
    }

    /// Applies the policy to probabilities in `labels` order.
    public func decide(probabilities p: [Float]) -> IntentDecision {
        decide(probabilities: p, policy: policy)
    }

    public func decide(probabilities p: [Float], policy: DecisionPolicy) -> IntentDecision {
        let s = Self.summary(p, outOfScopeIndex: outOfScopeIndex)
        switch Self.decide(s, policy: policy) {
        case .outOfScope: return .outOfScope
        case .matched: return .matched(labels[s.best])
        case .ambiguous: return .ambiguous(labels[s.best], labels[s.second])
        }
    }

    /// The two best in-scope classes and the best class overall.
    struct Summary {
        var best: Int
        var bestProbability: Float
        var second: Int
        var secondProbability: Float
        var bestIsOutOfScope: Bool
    }

    enum Outcome { case outOfScope, matched, ambiguous }

    static func summary(_ p: [Float], outOfScopeIndex: Int) -> Summary {
        var best = -1
        var second = -1
        var bestP: Float = -1
        var secondP: Float = -1
        for k in p.indices where k != outOfScopeIndex {
            let v = p[k]
            if v > bestP {
                second = best
                secondP = bestP
                best = k
                bestP = v
            } else if v > secondP {
                second = k
                secondP = v
            }
        }
        let oosP: Float = outOfScopeIndex >= 0 && outOfScopeIndex < p.count ? p[outOfScopeIndex] : -1
        if second < 0 {
            second = best
            secondP = 0
        }
        // No in-scope class at all (empty or out-of-scope-only model): always decline.
        return Summary(
            best: max(best, 0),
            bestProbability: max(bestP, 0),
            second: max(second, 0),
            secondProbability: max(secondP, 0),
            bestIsOutOfScope: best < 0 || oosP > bestP
        )
    }

    @inline(__always)
    static func decide(_ s: Summary, policy: DecisionPolicy) -> Outcome {
        if s.bestIsOutOfScope || Double(s.bestProbability) < policy.threshold { return .outOfScope }
        if Double(s.bestProbability - s.secondProbability) < policy.margin { return .ambiguous }
        return .matched
    }
}
