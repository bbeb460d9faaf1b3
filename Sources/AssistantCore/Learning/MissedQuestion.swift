/// A question the assistant could not answer well, kept for review: de-identified text, what the assistant did,
/// the intents it came closest to, the platform kind and the day. Never who asked or in which conversation.
public struct MissedQuestion: Sendable, Hashable, Codable {
    /// Why the question was kept.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// The assistant said it could not answer.
        case declined
        /// The assistant asked "did you mean A or B?".
        case clarified
        /// The assistant answered, but below ``LearningPolicy/confidenceLine``.
        case lowConfidence = "low_confidence"
        /// The person said the answer did not help ("no", "not helpful").
        case unhelpful
    }

    /// The question after ``QuestionDeidentifier``.
    public let text: String
    public let reason: Reason
    /// The route taken (``Outcome/Route``'s raw value: `answer`, `clarify`, `decline`).
    public let route: String
    /// The closest intents, best first (at most ``LearningPolicy/candidateCount``).
    public let candidates: [Candidate]
    /// The platform kind (`console`, `matrix`, …), not the account or the room.
    public let platform: String
    /// The UTC day it was asked.
    public let day: String

    /// One intent the question came close to, with the matcher's score.
    public struct Candidate: Sendable, Hashable, Codable {
        public let intent: String
        public let score: Double

        public init(intent: String, score: Double) {
            self.intent = intent
            self.score = score
        }
    }

    public init(text: String, reason: Reason, route: String, candidates: [Candidate], platform: String, day: String) {
        self.text = text
        self.reason = reason
        self.route = route
        self.candidates = candidates
        self.platform = platform
        self.day = day
    }
}

/// A miss that was counted but not kept (it read like an individual case): no text at all.
public struct UnkeptMiss: Sendable, Hashable {
    /// Why it was not kept.
    public enum Why: String, Sendable, Hashable, CaseIterable {
        /// It read like an account of one person's case (``SnippetReview``'s cues).
        case individualCase = "individual_case"
    }

    public let why: Why
    public let platform: String
    public let day: String

    public init(why: Why, platform: String, day: String) {
        self.why = why
        self.platform = platform
        self.day = day
    }
}
