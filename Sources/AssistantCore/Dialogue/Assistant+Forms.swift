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

    /// Handles a message while a form is open: danger first (kept as the answer, never thrown away), then "more"
    /// after an answered question, then a question asked mid-form, then the form's own step.
    func continueForm(
        _ form: FormDefinition,
        session: FormSession,
        message: InboundMessage,
        state: ConversationState
    ) -> Outcome {
        let runner = FormRunner(form: form, today: message.day)
        let trace = Outcome.Trace(intent: form.id, confidence: 1, article: nil, alternatives: [], followUps: [])
        if let finding = screen.assess(message.text), finding.urgency == .now,
            let outcome = dangerNow(finding, form: form, session: session, message: message)
        {
            return outcome
        }
        if let articleID = state.expandableArticle, Self.asksForMore(message.text),
            let article = knowledge.article(articleID)
        {
            let back = Reply(kind: .notice, text: backTo(form, runner.reprompt(session)))
            let reply = Reply(kind: .answer, text: composer.render(article: article, detail: .rest))
            return Outcome(replies: [reply, back], state: ConversationState(form: session), trace: trace)
        }
        if let digression = digressionOutcome(message, session: session, form: form, runner: runner) {
            return digression
        }
        if case .asking = session.phase,
            let query = ConcernCommand.parse(
                String(message.text.trimmingWhitespace()),
                requester: message.senderIdentity
            )
        {
            // A lead command typed mid-form is handled (and refused and audited for anyone without the role), never
            // stored as an answer.
            return Outcome(
                replies: [Reply(kind: .notice, text: backTo(form, runner.reprompt(session)))],
                state: ConversationState(form: session),
                trace: .concernQuery,
                effects: [.concernQuery(query)]
            )
        }
        let step = runner.step(session, input: message.text)
        var replies = replies(step.messages)
        var effects: [Effect] = []
        var stepTrace = trace
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
            stepTrace = Outcome.Trace(
                intent: Intent.immediateDangerID,
                confidence: 1,
                article: knowledge.safetyRules.articleID,
                alternatives: [],
                followUps: []
            )
            if session.urgent {
                // The team was alerted earlier in this form: no second alert, no second full emergency answer.
                replies.insert(Reply(kind: .notice, text: Self.alreadyAlertedLine), at: 0)
            } else {
                replies.insert(composer.emergency(), at: 0)
                effects.append(.urgentAlert(UrgentAlert(reason: .dangerReportedInForm, reporter: session.reporterID)))
            }
        case .handover:
            replies.insert(Reply(kind: .conversation, text: composer.dialogue(.handover, senderName: nil)), at: 0)
        case .cancelled, nil:
            break
        }
        return Outcome(
            replies: replies,
            state: ConversationState(form: step.session),
            trace: stepTrace,
            effects: effects
        )
    }

    static let alreadyAlertedLine =
        "The safeguarding team has already been alerted about this concern. If anyone is in danger now, call 999."

    /// Danger *now* in a form: a free-text answer is kept (never thrown away), the emergency answer is shown once
    /// per form with one urgent alert, and "is anyone in danger right now?" is asked next. The form is never
    /// discarded, even when danger interrupts a cancel question.
    private func dangerNow(
        _ finding: SafetyScreen.Finding,
        form: FormDefinition,
        session: FormSession,
        message: InboundMessage
    ) -> Outcome? {
        let runner = FormRunner(form: form, today: message.day)
        var next = session
        var kept: String?
        if case .asking(let slotID) = session.phase, let slot = form.slot(slotID) {
            switch slot.kind {
            case .text:
                let step = runner.step(session, input: message.text)
                if let stepped = step.session, stepped.answers[slotID] != nil {
                    next = stepped
                    kept = "I've kept what you wrote as your answer."
                }
            case .yesNo where slot.onYes == .emergency:
                if let stepped = runner.step(session, input: "yes").session {
                    next = stepped
                    kept = "I've noted that someone may be in danger now."
                }
            default:
                break
            }
        } else if case .confirmingCancel(let resume) = session.phase {
            // Danger outweighs the cancel question: the form is kept.
            next.phase = resume.phase
        } else if case .paused(let resume) = session.phase {
            next.phase = resume.phase
        }
        var texts: [String] = []
        if let kept { texts.append(kept) }
        if let asked = runner.askingDangerNext(next) {
            next = asked.session
            texts.append(asked.prompt)
        } else {
            texts.append(runner.reprompt(next))
        }
        next.urgent = true
        var replies: [Reply] = []
        var effects: [Effect] = []
        if session.urgent {
            replies.append(Reply(kind: .notice, text: Self.alreadyAlertedLine))
        } else {
            replies.append(composer.emergency())
            effects.append(.urgentAlert(UrgentAlert(reason: .safetyScreenDuringForm, reporter: session.reporterID)))
        }
        replies.append(
            Reply(
                kind: .conversation,
                text: "Your \(form.purpose.noun) is kept. "
                    + texts.map(composer.institution.render).joined(separator: "\n\n")
            )
        )
        return Outcome(
            replies: replies,
            state: ConversationState(form: next),
            trace: Outcome.Trace(
                intent: Intent.immediateDangerID,
                confidence: 1,
                article: knowledge.safetyRules.articleID,
                alternatives: [],
                followUps: [],
                safetyRule: finding.ruleID
            ),
            effects: effects
        )
    }

    /// A question asked instead of an answer: answered, then the pending question asked again; nothing stored. At a
    /// free-text question, a question the assistant cannot answer is not stored either.
    private func digressionOutcome(
        _ message: InboundMessage,
        session: FormSession,
        form: FormDefinition,
        runner: FormRunner
    ) -> Outcome? {
        guard case .asking(let slotID) = session.phase, let slot = form.slot(slotID),
            Self.looksLikeQuestion(message.text)
        else { return nil }
        let back = Reply(kind: .notice, text: backTo(form, runner.reprompt(session)))
        if let digression = digression(message.text, session: session, form: form, today: message.day) {
            let answered = answer(digression, confidence: 1, alternatives: [], message: message, detail: .short)
            var state = ConversationState(form: session)
            state.expandableArticle = answered.state.expandableArticle
            return Outcome(replies: answered.replies + [back], state: state, trace: answered.trace)
        }
        guard case .text = slot.kind, Self.asksTheAssistant(message.text) else { return nil }
        let reply = Reply(
            kind: .notice,
            text: "That sounds like a question for me, so I haven't kept it as your answer. I don't have an answer "
                + "to it here: {{institution.safeguarding_team}} can help, or reply **person**."
        )
        return Outcome(
            replies: [Reply(kind: reply.kind, text: composer.institution.render(reply.text)), back],
            state: ConversationState(form: session),
            trace: Outcome.Trace(
                intent: Intent.outOfScopeID,
                confidence: 1,
                article: nil,
                alternatives: [],
                followUps: []
            )
        )
    }

    private func backTo(_ form: FormDefinition, _ prompt: String) -> String {
        "Back to your \(form.purpose.noun):\n" + composer.institution.render(prompt)
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
            if !Self.asksTheAssistant(text) { return nil }
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

    /// Whether a question is put to the assistant ("can I talk to someone first?", "what happens next?") rather
    /// than being part of an account ("he asked me why we follow the law?"): it starts like a question and is short,
    /// or ends with a question mark.
    static func asksTheAssistant(_ text: String) -> Bool {
        let tokens = TextNormalizer().tokens(text)
        guard let first = tokens.first, questionStarters.contains(first) else { return false }
        return text.trimmingWhitespace().hasSuffix("?") || tokens.count <= 8
    }

    static let questionStarters: Set<String> = [
        "what", "how", "who", "why", "where", "when", "is", "can", "could", "do", "does", "should", "will", "would",
        "am", "are", "which", "may", "must", "shall",
    ]

    static func looksLikeQuestion(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasSuffix("?") { return true }
        return TextNormalizer().tokens(String(trimmed)).first.map(questionStarters.contains) ?? false
    }

    private func replies(_ messages: [String]) -> [Reply] {
        let text = messages.filter { !$0.isEmpty }.map(composer.institution.render).joined(separator: "\n\n")
        return text.isEmpty ? [] : [Reply(kind: .conversation, text: text)]
    }
}
