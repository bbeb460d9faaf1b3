/// Recognises which intent a message is about, and knows when it does not know.
///
/// Implementations are built once from the training examples into an immutable value and are safe to share
/// between tasks. Every implementation must:
/// - rank every in-scope intent it knows, best first, with scores in `0...1` (calibrated where it can be);
/// - decide ``Classification/Decision/outOfScope`` rather than guess when nothing fits;
/// - decide ``Classification/Decision/ambiguous(_:_:)`` when the two best intents are too close to call;
/// - never trap on any input (empty, enormous, any Unicode).
public protocol IntentMatcher: Sendable {
    /// Classifies one message.
    func classify(_ text: String) -> Classification
}

/// An intent id with the matcher's score for it.
public struct ScoredIntent: Sendable, Hashable {
    public let id: String
    public let score: Double

    public init(id: String, score: Double) {
        self.id = id
        self.score = score
    }
}

/// What a matcher concluded about one message.
public struct Classification: Sendable, Hashable {
    /// The decision the dialogue acts on.
    public enum Decision: Sendable, Hashable {
        /// Confident: answer with this intent.
        case matched(String)
        /// The two best are close: ask which one was meant.
        case ambiguous(String, String)
        /// Nothing known fits: decline and offer a person.
        case outOfScope
    }

    /// In-scope intents, best first (the out-of-scope class is not listed).
    public let ranked: [ScoredIntent]
    public let decision: Decision

    public init(ranked: [ScoredIntent], decision: Decision) {
        self.ranked = ranked
        self.decision = decision
    }

    /// The intent the decision names first, or ``Intent/outOfScopeID``.
    public var topIntent: String {
        switch decision {
        case .matched(let id), .ambiguous(let id, _): id
        case .outOfScope: Intent.outOfScopeID
        }
    }

    /// The score of the decision's first intent (`0` when out of scope and nothing ranked).
    public var confidence: Double {
        switch decision {
        case .matched(let id), .ambiguous(let id, _): ranked.first { $0.id == id }?.score ?? 0
        case .outOfScope: ranked.first.map { 1 - $0.score } ?? 1
        }
    }
}
