extension Assistant {
    /// The line added to an answer when the safety screen read the message as a *report* of a threat, material or a
    /// plan rather than danger now: the article answers, and 999 is still one line away.
    static let reportedDangerLine =
        "If anyone could be in danger right now, call 999 first. Otherwise, here is what to do:"

    /// The next topic replaces an untrusted "immediate danger" only when it scores at least this…
    static let redirectFloor = 0.08
    /// …and at least this many times the topic after it (clearly the next topic, not one of several); otherwise the
    /// assistant declines and offers the closest topics.
    static let redirectLead = 2.5

    /// The classification with an "immediate danger" verdict the message does not back up replaced by the next
    /// topic: the matcher's danger is trusted only when the message names danger ("knife", "kill", "attack" — not
    /// "panic attack") and is not a report of something said or done earlier.
    func trusted(_ classification: Classification, text: String, reported: Bool) -> Classification {
        let danger = Intent.immediateDangerID
        let involvesDanger: Bool
        switch classification.decision {
        case .matched(let id): involvesDanger = id == danger
        case .ambiguous(let first, let second): involvesDanger = first == danger || second == danger
        case .outOfScope: involvesDanger = false
        }
        guard involvesDanger else { return classification }
        if !reported, screen.mentionsDanger(text) {
            // Trusted danger is answered at once, never offered as one option of "Did you mean A or B?".
            return Classification(ranked: classification.ranked, decision: .matched(danger))
        }
        let others = classification.ranked.filter { $0.id != danger }
        let runnerUp = others.dropFirst().first?.score ?? 0
        guard let next = others.first, next.score >= Self.redirectFloor, next.score >= runnerUp * Self.redirectLead,
            knowledge.intent(next.id) != nil
        else {
            return Classification(ranked: others, decision: .outOfScope)
        }
        return Classification(ranked: others, decision: .matched(next.id))
    }

    /// `outcome` with the 999 line first, for a message the screen read as a report.
    func withDangerLine(_ outcome: Outcome, rule: String) -> Outcome {
        guard outcome.trace.intent != Intent.immediateDangerID else { return outcome }
        let trace = Outcome.Trace(
            intent: outcome.trace.intent,
            confidence: outcome.trace.confidence,
            article: outcome.trace.article,
            alternatives: outcome.trace.alternatives,
            followUps: outcome.trace.followUps,
            clarified: outcome.trace.clarified,
            safetyRule: rule
        )
        let line = Reply(kind: .notice, text: Self.reportedDangerLine)
        return Outcome(replies: [line] + outcome.replies, state: outcome.state, trace: trace, effects: outcome.effects)
    }
}
