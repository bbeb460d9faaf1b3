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
