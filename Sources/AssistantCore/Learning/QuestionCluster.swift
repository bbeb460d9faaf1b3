/// A group of kept questions close in meaning, as `review list` shows it.
public struct QuestionCluster: Sendable, Hashable {
    /// One kept question in a cluster.
    public struct Member: Sendable, Hashable {
        /// The store's id of the kept question.
        public let id: Int64
        /// The de-identified text.
        public let text: String
        /// The intents it came closest to, best first.
        public let candidates: [MissedQuestion.Candidate]

        public init(id: Int64, text: String, candidates: [MissedQuestion.Candidate]) {
            self.id = id
            self.text = text
            self.candidates = candidates
        }
    }

    /// Stable while the cluster's questions are open: `C` and the lowest member id (`C12`).
    public let id: String
    /// Members, oldest first.
    public let members: [Member]
    /// The intents the members came closest to, with the mean score over members, best first (at most three).
    public let nearestIntents: [MissedQuestion.Candidate]

    public init(members: [Member]) {
        let sorted = members.sorted { $0.id < $1.id }
        self.members = sorted
        id = "C\(sorted.first?.id ?? 0)"
        var totals: [String: Double] = [:]
        for member in sorted {
            for candidate in member.candidates { totals[candidate.intent, default: 0] += candidate.score }
        }
        let count = Double(max(sorted.count, 1))
        nearestIntents = totals.map { MissedQuestion.Candidate(intent: $0.key, score: $0.value / count) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.intent < $1.intent }
            .prefix(3).map { $0 }
    }

    public var count: Int { members.count }
}
