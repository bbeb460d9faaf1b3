import TextNormalization

extension Assistant {
    /// Starts `form` for the sender. A private form started in a group room is moved to a direct conversation:
    /// the room only hears that the assistant will continue privately.
    public func startForm(_ form: FormDefinition, message: InboundMessage) -> Outcome {
        let trace = Outcome.Trace(intent: form.id, confidence: 1, article: nil, alternatives: [], followUps: [])
        if form.privacy == .directOnly, !message.isDirect {
            let reply = Reply(
                kind: .notice,
                text: "I'll continue this privately — I've sent you a direct message. Please don't share details here."
            )
            return Outcome(
                replies: [reply],
                state: .initial,
                trace: trace,
                effects: [.continueInDirectConversation(userID: message.senderID, formID: form.id)]
            )
        }
        let step = FormRunner(form: form, today: message.day).start(reporterID: message.senderIdentity)
        return Outcome(replies: replies(step.messages), state: ConversationState(form: step.session), trace: trace)
    }

    /// Handles a message while a form is open: the safety screen first, then a question asked mid-form, then the
    /// form's own step.
    func continueForm(
        _ form: FormDefinition,
        session: FormSession,
        message: InboundMessage,
        state: ConversationState
    ) -> Outcome {
        let runner = FormRunner(form: form, today: message.day)
        let trace = Outcome.Trace(intent: form.id, confidence: 1, article: nil, alternatives: [], followUps: [])
        if let finding = SafetyScreen(rules: knowledge.safetyRules).assess(message.text) {
            let paused = runner.pause(session)
            let resume = Reply(
                kind: .notice,
                text: "Your \(form.purpose.noun) is kept. When it is safe, reply **continue** to carry on with it, or "
                    + "**cancel**."
            )
            return Outcome(
                replies: [composer.emergency(), resume],
                state: ConversationState(form: paused),
                trace: Outcome.Trace(
                    intent: Intent.immediateDangerID,
                    confidence: 1,
                    article: knowledge.safetyRules.articleID,
                    alternatives: [],
                    followUps: [],
                    safetyRule: finding.ruleID
                ),
                effects: [.urgentAlert(UrgentAlert(reason: .safetyScreenDuringForm, reporter: session.reporterID))]
            )
        }
        if let digression = digression(message.text, session: session, form: form, today: message.day) {
            let answered = answer(digression, confidence: 1, alternatives: [], message: message, detail: .short)
            let back = Reply(
                kind: .notice,
                text: "Back to your \(form.purpose.noun):\n" + composer.institution.render(runner.reprompt(session))
            )
            return Outcome(replies: answered.replies + [back], state: state, trace: answered.trace)
        }
        let step = runner.step(session, input: message.text)
        var replies = replies(step.messages)
        var effects: [Effect] = []
        switch step.event {
        case .submitted(let submission):
            switch form.purpose {
            case .concern:
                effects.append(.submitConcern(submission))
            case .snippet:
                guard let snippet = Snippet(submission: submission) else {
                    let reply = Reply(
                        kind: .notice,
                        text: "I couldn't keep that: a snippet needs a title, what was done and why it worked. "
                            + "Nothing has been stored. Say \"share good practice\" to start again."
                    )
                    return Outcome(replies: [reply], state: .initial, trace: trace)
                }
                effects.append(.submitSnippet(snippet, author: submission.reporterID))
            }
        case .emergency:
            replies.insert(composer.emergency(), at: 0)
            effects.append(.urgentAlert(UrgentAlert(reason: .dangerReportedInForm, reporter: session.reporterID)))
        case .handover:
            replies.insert(Reply(kind: .conversation, text: composer.dialogue(.handover, senderName: nil)), at: 0)
        case .cancelled, nil:
            break
        }
        return Outcome(replies: replies, state: ConversationState(form: step.session), trace: trace, effects: effects)
    }

    /// The intent a message asked about instead of answering the pending question, if it is one: a question the
    /// matcher recognises confidently that is not a valid answer to a choice, yes/no or date question, and is short
    /// when the question takes free text.
    func digression(_ text: String, session: FormSession, form: FormDefinition, today: CalendarDate) -> String? {
        guard case .asking(let slotID) = session.phase, let slot = form.slot(slotID), Self.looksLikeQuestion(text)
        else {
            return nil
        }
        switch slot.kind {
        case .text:
            if TextNormalizer().tokens(text).count > 8 { return nil }
        case .choice, .yesNo, .date, .choices:
            if case .success = SlotAnswerParser(today: today).parse(text, for: slot) {
                return nil
            }
        }
        guard case .matched(let id) = matcher.classify(text).decision,
            let intent = knowledge.intent(id), intent.articleID != nil, intent.action == nil
        else { return nil }
        return id
    }

    static func looksLikeQuestion(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasSuffix("?") { return true }
        let starters: Set<String> = ["what", "how", "who", "why", "where", "is", "can", "do", "does", "should", "will"]
        return TextNormalizer().tokens(String(trimmed)).first.map(starters.contains) ?? false
    }

    private func replies(_ messages: [String]) -> [Reply] {
        let text = messages.filter { !$0.isEmpty }.map(composer.institution.render).joined(separator: "\n\n")
        return text.isEmpty ? [] : [Reply(kind: .conversation, text: text)]
    }
}
