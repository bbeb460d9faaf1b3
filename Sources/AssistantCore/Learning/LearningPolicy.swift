import TextNormalization

/// Decides, for one handled message, whether the question is kept for review (``Effect/keepMissedQuestion(_:)``),
/// only counted (``Effect/countUnkeptMiss(_:)``), or forgotten. Pure: the day comes from the message.
///
/// Kept: a question the assistant declined, asked to clarify, or answered below ``confidenceLine`` — de-identified
/// (``QuestionDeidentifier``). Never anything typed inside a form or that starts one, never a message the safety
/// screen fired on, never who asked or where. A question that reads like one person's case is counted, not kept.
public struct LearningPolicy: Sendable, Hashable {
    /// An answer with a confidence below this is kept as a miss.
    public let confidenceLine: Double
    /// Longer messages are not questions worth keeping.
    public static let maxCharacters = 500
    /// How many closest intents a kept question carries.
    public static let candidateCount = 3

    public init(confidenceLine: Double = 0.5) {
        self.confidenceLine = confidenceLine
    }

    /// `outcome` with its learning effect added (if any), and with the de-identified question remembered in the
    /// state after an answer, so "no, that didn't help" can mark it unhelpful.
    public func annotate(_ outcome: Outcome, message: InboundMessage, before state: ConversationState) -> Outcome {
        guard state.form == nil, outcome.route != .form, outcome.route != .emergency,
            outcome.trace.safetyRule == nil
        else { return outcome }
        let text = message.text.trimmingWhitespace()
        guard Self.isWorthKeeping(String(text)) else { return outcome }
        let reason: MissedQuestion.Reason?
        switch outcome.route {
        case .decline: reason = .declined
        case .clarify: reason = .clarified
        case .answer: reason = outcome.trace.confidence < confidenceLine ? .lowConfidence : nil
        case .emergency, .form: reason = nil
        }
        let caseLike = !SnippetReview.individualCaseCues(in: String(text)).isEmpty
        var effects = outcome.effects
        var nextState = outcome.state
        let day = message.day.description
        if let reason {
            if caseLike {
                effects.append(.countUnkeptMiss(UnkeptMiss(why: .individualCase, platform: message.platform, day: day)))
            } else {
                effects.append(.keepMissedQuestion(missed(String(text), reason, outcome, message)))
            }
        }
        if outcome.route == .answer, !caseLike, outcome.trace.intent != Self.feedbackIntent {
            nextState.answeredQuestion = missed(String(text), .unhelpful, outcome, message)
        }
        return Outcome(replies: outcome.replies, state: nextState, trace: outcome.trace, effects: effects)
    }

    private func missed(
        _ text: String,
        _ reason: MissedQuestion.Reason,
        _ outcome: Outcome,
        _ message: InboundMessage
    ) -> MissedQuestion {
        var ranked = outcome.trace.alternatives
        if outcome.route == .answer, outcome.trace.intent != Intent.outOfScopeID {
            ranked.insert(ScoredIntent(id: outcome.trace.intent, score: outcome.trace.confidence), at: 0)
        }
        var candidates: [MissedQuestion.Candidate] = []
        for scored in ranked where !candidates.contains(where: { $0.intent == scored.id }) {
            candidates.append(MissedQuestion.Candidate(intent: scored.id, score: scored.score))
        }
        return MissedQuestion(
            text: QuestionDeidentifier().deidentify(text),
            reason: reason,
            route: outcome.route.rawValue,
            candidates: Array(candidates.prefix(Self.candidateCount)),
            platform: message.platform,
            day: message.day.description
        )
    }

    /// Whether `text` is a question worth a reviewer's time: not over ``maxCharacters``, and at least two words or
    /// one word of four letters or more ("1", "ok" and "?" are not).
    static func isWorthKeeping(_ text: String) -> Bool {
        guard text.count <= maxCharacters else { return false }
        let tokens = TextNormalizer().tokens(text)
        let letters = tokens.joined().filter(\.isLetter).count
        return tokens.count >= 2 ? letters >= 3 : letters >= 4
    }

    /// The trace intent of the reply to "that didn't help".
    public static let feedbackIntent = "feedback_unhelpful"

    /// Whether a short message right after an answer says it did not help ("no", "not helpful", "that didn't
    /// help").
    public static func isUnhelpfulFeedback(_ text: String) -> Bool {
        if text.trimmingWhitespace() == "👎" { return true }
        let normalized = TextNormalizer().normalize(text)
        return !normalized.isEmpty && normalizedPhrases.contains(normalized)
    }

    static let normalizedPhrases = Set(unhelpfulPhrases.map { TextNormalizer().normalize($0) })

    static let unhelpfulPhrases: Set<String> = [
        "no", "nope", "not helpful", "that didn't help", "that didnt help", "that did not help", "didn't help",
        "didnt help", "did not help", "not useful", "that wasn't helpful", "that wasnt helpful", "no that didn't help",
        "no that didnt help", "no not helpful", "that's not what i asked", "thats not what i asked",
        "not what i asked", "wrong answer", "unhelpful",
    ]
}
