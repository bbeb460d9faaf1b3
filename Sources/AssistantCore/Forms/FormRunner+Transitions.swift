import TextNormalization

/// The form's transitions: an answer checked and recorded, the next question, corrections, back, change, hand-over.
extension FormRunner {
    func answer(_ session: FormSession, slotID: String, input: String, command: String) -> FormStep {
        var session = session
        guard let slot = form.slot(slotID) else { return advance(session, messages: []) }
        if Self.help.contains(command) {
            return FormStep(messages: [slot.help, prompt(slotID, reporterID: session.reporterID)], session: session)
        }
        if Self.person.contains(command) { return handover(session) }
        if command == "skip", slot.optional || session.failures >= Self.failuresBeforeOffer {
            return record(.skipped, for: slot, in: session, messages: [])
        }
        if slot.defaultValue == .sender,
            ["same", "here", "this chat", "same as this", "me", "default"].contains(command)
        {
            return record(.text(session.reporterID), for: slot, in: session, messages: [])
        }
        switch SlotAnswerParser(today: today).parse(input, for: slot).flatMap({ checked($0, for: slot) }) {
        case .success(let value):
            return record(value, for: slot, in: session, messages: [])
        case .failure(let error):
            session.failures += 1
            var messages = [error.message]
            if session.failures >= Self.failuresBeforeOffer {
                messages.append(
                    "This one seems hard to answer here. You can reply **skip** to leave it out, or **person** to "
                        + "talk to someone."
                )
            } else if !slot.help.isEmpty, !error.givesExamples {
                messages.append(slot.help)
            }
            messages.append(prompt(slotID, reporterID: session.reporterID))
            return FormStep(messages: messages, session: session)
        }
    }

    /// Applies the slot's sentence limits and check to a parsed text answer.
    func checked(_ value: FormValue, for slot: FormSlot) -> Result<FormValue, SlotAnswerError> {
        guard case .text(let text) = value else { return .success(value) }
        if slot.check == .deidentified {
            let review = SnippetReview(text)
            if let message = review.message { return .failure(SlotAnswerError(message)) }
        }
        if let range = slot.sentences {
            let count = Self.sentenceCount(text)
            if !range.contains(count) {
                return .failure(
                    SlotAnswerError(
                        "Please write \(range.lowerBound) to \(range.upperBound) sentences (I counted \(count))."
                    )
                )
            }
        }
        return .success(value)
    }

    /// Sentences in `text`: runs ending in ".", "!" or "?" (abbreviations like "e.g." aside), plus an unfinished
    /// last one.
    static func sentenceCount(_ text: String) -> Int {
        var count = 0
        var sawWord = false
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character.isLetter || character.isNumber { sawWord = true }
            guard ".!?".contains(character), sawWord else { continue }
            let next = index + 1 < characters.count ? characters[index + 1] : " "
            let previousTwo = index >= 2 ? characters[index - 2] : " "
            if next.isWhitespace || next == "\"" || next == ")", previousTwo != ".",
                !(previousTwo == " " && index >= 1
                    && characters[index - 1].isUppercase)
            {
                count += 1
                sawWord = false
            }
        }
        return count + (sawWord ? 1 : 0)
    }

    func record(_ value: FormValue, for slot: FormSlot, in session: FormSession, messages: [String]) -> FormStep {
        var session = session
        session.answers[slot.id] = value
        session.answeredOrder.removeAll { $0 == slot.id }
        session.answeredOrder.append(slot.id)
        session.failures = 0
        if slot.onYes == .emergency, value == .yesNo(true) {
            session.urgent = true
            let step = advance(session, messages: messages)
            return FormStep(messages: step.messages, session: step.session, event: .emergency)
        }
        return advance(session, messages: messages)
    }

    func advance(_ session: FormSession, messages: [String]) -> FormStep {
        var session = session
        if let next = nextSlot(answers: session.answers) {
            session.phase = .asking(next)
            return FormStep(messages: messages + [prompt(next, reporterID: session.reporterID)], session: session)
        }
        session.phase = .confirming
        return FormStep(messages: messages + [summary(session)], session: session)
    }

    func handover(_ session: FormSession) -> FormStep {
        FormStep(
            messages: [
                "Your answers so far are kept. When you're ready, reply here to carry on, or **cancel**.",
                reprompt(session),
            ],
            session: session,
            event: .handover
        )
    }

    /// Whether `slotID` may be corrected now: it applies, and it is answered or it is not the question being asked.
    func canCorrect(_ session: FormSession, _ slotID: String) -> Bool {
        guard let slot = form.slot(slotID), applies(slot, answers: session.answers) else { return false }
        if case .asking(let pending) = session.phase, pending == slotID { return false }
        switch session.phase {
        case .asking, .confirming, .choosingChange: return session.answers[slotID] != nil
        case .confirmingCancel, .paused: return false
        }
    }

    /// Applies a correction: with a value that fits, records it and returns to where the person was; otherwise
    /// asks the slot again (with what was wrong).
    func correct(_ session: FormSession, _ correction: FormCorrection) -> FormStep {
        guard let slot = form.slot(correction.slotID) else { return FormStep(messages: [], session: session) }
        guard let value = correction.value else { return change(session, to: slot.id) }
        switch SlotAnswerParser(today: today).parse(value, for: slot).flatMap({ checked($0, for: slot) }) {
        case .success(let parsed):
            var updated = session
            updated.answers[slot.id] = parsed
            updated.failures = 0
            let noted = "Changed **\(slot.label)** to: \(MarkdownLiteral.escaped(parsed.display(in: slot)))"
            if case .asking(let pending) = session.phase {
                updated.phase = .asking(pending)
                return FormStep(messages: [noted, reprompt(updated)], session: updated)
            }
            return advance(updated, messages: [noted])
        case .failure(let error):
            var step = change(session, to: slot.id)
            step = FormStep(messages: [error.message] + step.messages, session: step.session)
            return step
        }
    }

    /// The session with the "is anyone in danger right now?" question asked next (its earlier "no" cleared), and
    /// that question; `nil` when the form has no such question or it is already answered "yes".
    public func askingDangerNext(_ session: FormSession) -> (session: FormSession, prompt: String)? {
        guard let slot = form.slots.first(where: { $0.onYes == .emergency }),
            session.answers[slot.id] != .yesNo(true)
        else { return nil }
        switch session.phase {
        case .asking, .confirming, .choosingChange: break
        case .confirmingCancel, .paused: return nil
        }
        var session = session
        session.answers[slot.id] = nil
        session.answeredOrder.removeAll { $0 == slot.id }
        session.failures = 0
        session.phase = .asking(slot.id)
        return (session, prompt(slot.id, reporterID: session.reporterID))
    }

    func back(_ session: FormSession) -> FormStep {
        var session = session
        guard let previous = session.answeredOrder.popLast() else {
            return FormStep(messages: ["This is the first question.", reprompt(session)], session: session)
        }
        session.answers[previous] = nil
        session.failures = 0
        session.phase = .asking(previous)
        return FormStep(messages: [prompt(previous, reporterID: session.reporterID)], session: session)
    }

    func change(_ session: FormSession, to slotID: String) -> FormStep {
        var session = session
        session.answers[slotID] = nil
        session.answeredOrder.removeAll { $0 == slotID }
        session.failures = 0
        session.phase = .asking(slotID)
        return FormStep(messages: [prompt(slotID, reporterID: session.reporterID)], session: session)
    }

    func changeQuestion(_ session: FormSession) -> String {
        var text = "Which answer would you like to change?"
        for (index, slotID) in applicableAnswered(session).enumerated() {
            text += "\n\(index + 1). \(form.slot(slotID)?.label ?? slotID)"
        }
        return text
    }
}
