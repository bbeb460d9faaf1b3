/// Everything the assistant decided about one message, as data: the replies to send, the next conversation state,
/// and a trace of the decision for `ask --json`, evaluation and metrics.
public struct Outcome: Sendable, Hashable {
    /// Why the assistant answered the way it did.
    public struct Trace: Sendable, Hashable {
        /// The intent answered, ``Intent/immediateDangerID`` for the safety screen, or ``Intent/outOfScopeID``.
        public let intent: String
        public let confidence: Double
        public let article: String?
        /// The other intents the matcher considered, best first.
        public let alternatives: [ScoredIntent]
        public let followUps: [String]
        /// Whether the assistant asked a clarifying question instead of answering.
        public let clarified: Bool
        /// The safety rule that fired, if any.
        public let safetyRule: String?

        public init(
            intent: String,
            confidence: Double,
            article: String?,
            alternatives: [ScoredIntent],
            followUps: [String],
            clarified: Bool = false,
            safetyRule: String? = nil
        ) {
            self.intent = intent
            self.confidence = confidence
            self.article = article
            self.alternatives = alternatives
            self.followUps = followUps
            self.clarified = clarified
            self.safetyRule = safetyRule
        }

        /// A lead's concern command (`list concerns`, `show PC-…`), typed in chat or mid-form: certain, no article.
        public static let concernQuery = Trace(
            intent: "concern_query",
            confidence: 1,
            article: nil,
            alternatives: [],
            followUps: []
        )
    }

    public let replies: [Reply]
    public let state: ConversationState
    public let trace: Trace
    public let effects: [Effect]

    public init(replies: [Reply], state: ConversationState, trace: Trace, effects: [Effect] = []) {
        self.replies = replies
        self.state = state
        self.trace = trace
        self.effects = effects
    }
}
