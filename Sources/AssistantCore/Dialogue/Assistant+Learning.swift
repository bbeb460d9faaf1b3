/// "No, that didn't help" right after an answer: the answered question (already de-identified) is kept for review.
extension Assistant {
    func unhelpfulFeedback(_ text: String, state: ConversationState) -> Outcome? {
        guard learning != nil, let answered = state.answeredQuestion, LearningPolicy.isUnhelpfulFeedback(text) else {
            return nil
        }
        let kept = MissedQuestion(
            text: answered.text,
            reason: .unhelpful,
            route: answered.route,
            candidates: answered.candidates,
            platform: answered.platform,
            day: answered.day
        )
        let reply = Reply(
            kind: .notice,
            text: """
                Sorry that didn't help. I've noted the question — without your name or anything else about you — so \
                the team can improve my answers. You could ask it in other words, or talk to the safeguarding team: \
                \(composer.institution.display(.safeguardingTeam)). If anyone is in immediate danger, call 999.
                """
        )
        let trace = Outcome.Trace(
            intent: LearningPolicy.feedbackIntent,
            confidence: 1,
            article: nil,
            alternatives: [],
            followUps: []
        )
        return Outcome(replies: [reply], state: .initial, trace: trace, effects: [.keepMissedQuestion(kept)])
    }
}
