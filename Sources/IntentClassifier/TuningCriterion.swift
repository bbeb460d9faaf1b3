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
