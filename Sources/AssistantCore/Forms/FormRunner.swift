import TextNormalization

/// Walks a person through a ``FormDefinition``, one message at a time, as a pure state machine: each call takes the
/// session and the message and returns a ``FormStep`` (messages, the next session, an event). No I/O, no clock.
///
/// What it does, where other bot frameworks often fail: "cancel" at any point (confirmed; nothing stored),
/// "back", "help", "skip" for optional questions, re-asking with help after a wrong answer and offering to skip or
/// talk to a person after three, "change <field>" at the summary, and nothing submitted without an explicit yes.
public struct FormRunner: Sendable {
    public let form: FormDefinition
    public let today: CalendarDate
    private let normalizer = TextNormalizer()
    /// Wrong answers to one question before the runner offers to skip it or hand over to a person.
    public static let failuresBeforeOffer = 3

    public init(form: FormDefinition, today: CalendarDate) {
        self.form = form
        self.today = today
    }

    /// Starts the form: the notice, then the first question.
    public func start(reporterID: String) -> FormStep {
        guard let first = nextSlot(answers: [:]) else {
            return FormStep(messages: ["This form has no questions."], session: nil, event: .cancelled)
        }
        let session = FormSession(formID: form.id, reporterID: reporterID, firstSlot: first)
        return FormStep(messages: [form.intro, prompt(first, reporterID: reporterID)], session: session)
    }

    /// Handles one message.
    public func step(_ session: FormSession, input: String) -> FormStep {
        let input = Self.correctingCommandSlips(input)
        let command = normalizer.normalize(input)
        var session = session
        switch session.phase {
        case .confirmingCancel(let resume):
            if Self.yes.contains(command) || Self.cancel.contains(command) {
                return FormStep(messages: [form.cancelled], session: nil, event: .cancelled)
            }
            if Self.no.contains(command) || Self.carryOn.contains(command) {
                session.phase = resume.phase
                return FormStep(messages: ["OK, let's carry on.", reprompt(session)], session: session)
            }
            return FormStep(
                messages: ["Please reply **yes** to cancel (nothing will be kept) or **no** to carry on."],
                session: session
            )
        case .paused(let resume):
            if Self.carryOn.contains(command) || Self.yes.contains(command) {
                session.phase = resume.phase
                return FormStep(messages: ["Thank you. Let's carry on.", reprompt(session)], session: session)
            }
            if Self.cancel.contains(command) {
                session.phase = .confirmingCancel(resume: resume)
                return FormStep(messages: [cancelQuestion], session: session)
            }
            return FormStep(
                messages: [
                    "When you are ready, reply **continue** to carry on with your \(form.purpose.noun), or **cancel**."
                ],
                session: session
            )
        default:
            break
        }
        if Self.cancel.contains(command), let resume = resumable(session.phase) {
            session.phase = .confirmingCancel(resume: resume)
            return FormStep(messages: [cancelQuestion], session: session)
        }
        if Self.back.contains(command) { return back(session) }
        if let correction = FormCorrection.parse(input, form: form), canCorrect(session, correction.slotID) {
            return correct(session, correction)
        }
        if session.phase == .confirming, let correction = FormCorrection.unnamed(input, form: form, today: today) {
            return correct(session, correction)
        }
        if let value = FormCorrection.meantInstead(input), let last = session.answeredOrder.last,
            canCorrect(session, last)
        {
            return correct(session, FormCorrection(slotID: last, value: value))
        }
        switch session.phase {
        case .asking(let slotID):
            return answer(session, slotID: slotID, input: input, command: command)
        case .confirming:
            if Self.yes.contains(command) || ["submit", "send", "send it", "submit it"].contains(command) {
                return FormStep(messages: [form.submitted], session: nil, event: .submitted(submission(session)))
            }
            if let slot = changeTarget(command) { return change(session, to: slot) }
            if Self.person.contains(command) { return handover(session) }
            if Self.help.contains(command) {
                return FormStep(
                    messages: [
                        "Reply **yes** to submit, **change** and the item's name to correct an answer (for example "
                            + "\"change \(changeExample)\"), **back** to go to the last question, or **cancel** "
                            + "(nothing is kept).",
                        summary(session),
                    ],
                    session: session
                )
            }
            if Self.no.contains(command) || ["change", "edit"].contains(command) {
                session.phase = .choosingChange
                return FormStep(messages: [changeQuestion(session)], session: session)
            }
            return FormStep(
                messages: [
                    "Reply **yes** to submit, **change** and the item's name to correct an answer (for example "
                        + "\"change \(changeExample)\"), or **cancel**."
                ],
                session: session
            )
        case .choosingChange:
            let applicable = applicableAnswered(session)
            if let number = Int(command), number >= 1, number <= applicable.count {
                return change(session, to: applicable[number - 1])
            }
            if let slot = changeTarget("change " + command) { return change(session, to: slot) }
            if Self.person.contains(command) { return handover(session) }
            return FormStep(messages: [changeQuestion(session)], session: session)
        case .confirmingCancel, .paused:
            return FormStep(messages: [reprompt(session)], session: session)
        }
    }

    /// The session after the emergency answer interrupted it: paused, marked urgent.
    public func pause(_ session: FormSession) -> FormSession {
        var session = session
        session.urgent = true
        if let resume = resumable(session.phase) { session.phase = .paused(resume: resume) }
        return session
    }

    /// The question for `slotID`, with its options and how to skip.
    public func prompt(_ slotID: String, reporterID: String) -> String {
        guard let slot = form.slot(slotID) else { return "" }
        var text = slot.prompt
        if case .choice(let choices) = slot.kind {
            for (index, choice) in choices.enumerated() { text += "\n\(index + 1). \(choice.label)" }
        }
        if case .choices(let choices, let maximum) = slot.kind {
            for (index, choice) in choices.enumerated() { text += "\n\(index + 1). \(choice.label)" }
            text += "\n(Up to \(maximum), separated by commas, for example \"1, 3\".)"
        }
        if case .yesNo = slot.kind { text += " (yes / no)" }
        if slot.defaultValue == .sender { text += "\nReply **same** to be contacted here, as \(reporterID)." }
        if slot.optional { text += "\n(Optional: reply **skip** to leave it out.)" }
        return text
    }

    /// The question the session is waiting on, asked again.
    public func reprompt(_ session: FormSession) -> String {
        switch session.phase {
        case .asking(let slot), .paused(.asking(let slot)), .confirmingCancel(.asking(let slot)):
            return prompt(slot, reporterID: session.reporterID)
        case .confirming, .paused(.confirming), .confirmingCancel(.confirming):
            return summary(session)
        case .choosingChange, .paused(.choosingChange), .confirmingCancel(.choosingChange):
            return changeQuestion(session)
        }
    }

    /// The read-back of every answer, asking for an explicit yes.
    public func summary(_ session: FormSession) -> String {
        var text = "Here is what you've told me:"
        for slotID in applicableAnswered(session) {
            guard let slot = form.slot(slotID), let value = session.answers[slotID] else { continue }
            // What the person typed is quoted as typed: escaped, it never becomes markup or a link.
            text += "\n- **\(slot.label):** \(MarkdownLiteral.escaped(value.display(in: slot)))"
        }
        text += "\n\nIs this right? Reply **yes** to submit it, **change** and the item's name to correct something "
        text += "(for example \"change \(changeExample)\"), or **cancel**."
        return text
    }

    // MARK: - Transitions

    private func answer(_ session: FormSession, slotID: String, input: String, command: String) -> FormStep {
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
    private func checked(_ value: FormValue, for slot: FormSlot) -> Result<FormValue, SlotAnswerError> {
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

    private func record(_ value: FormValue, for slot: FormSlot, in session: FormSession, messages: [String]) -> FormStep
    {
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

    private func advance(_ session: FormSession, messages: [String]) -> FormStep {
        var session = session
        if let next = nextSlot(answers: session.answers) {
            session.phase = .asking(next)
            return FormStep(messages: messages + [prompt(next, reporterID: session.reporterID)], session: session)
        }
        session.phase = .confirming
        return FormStep(messages: messages + [summary(session)], session: session)
    }

    private func handover(_ session: FormSession) -> FormStep {
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
    private func canCorrect(_ session: FormSession, _ slotID: String) -> Bool {
        guard let slot = form.slot(slotID), applies(slot, answers: session.answers) else { return false }
        if case .asking(let pending) = session.phase, pending == slotID { return false }
        switch session.phase {
        case .asking, .confirming, .choosingChange: return session.answers[slotID] != nil
        case .confirmingCancel, .paused: return false
        }
    }

    /// Applies a correction: with a value that fits, records it and returns to where the person was; otherwise
    /// asks the slot again (with what was wrong).
    private func correct(_ session: FormSession, _ correction: FormCorrection) -> FormStep {
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

    private func back(_ session: FormSession) -> FormStep {
        var session = session
        guard let previous = session.answeredOrder.popLast() else {
            return FormStep(messages: ["This is the first question.", reprompt(session)], session: session)
        }
        session.answers[previous] = nil
        session.failures = 0
        session.phase = .asking(previous)
        return FormStep(messages: [prompt(previous, reporterID: session.reporterID)], session: session)
    }

    private func change(_ session: FormSession, to slotID: String) -> FormStep {
        var session = session
        session.answers[slotID] = nil
        session.answeredOrder.removeAll { $0 == slotID }
        session.failures = 0
        session.phase = .asking(slotID)
        return FormStep(messages: [prompt(slotID, reporterID: session.reporterID)], session: session)
    }

    private func changeQuestion(_ session: FormSession) -> String {
        var text = "Which answer would you like to change?"
        for (index, slotID) in applicableAnswered(session).enumerated() {
            text += "\n\(index + 1). \(form.slot(slotID)?.label ?? slotID)"
        }
        return text
    }

    // MARK: - Reading the form

    /// The first slot, in form order, that is not answered and whose condition holds.
    func nextSlot(answers: [String: FormValue]) -> String? {
        form.slots.first { answers[$0.id] == nil && applies($0, answers: answers) }?.id
    }

    private func applies(_ slot: FormSlot, answers: [String: FormValue]) -> Bool {
        guard let condition = slot.condition else { return true }
        guard let answer = answers[condition.slot] else { return false }
        return condition.values.contains(answer.storedText)
    }

    /// Answered slots that still apply, in form order.
    private func applicableAnswered(_ session: FormSession) -> [String] {
        form.slots.filter { session.answers[$0.id] != nil && applies($0, answers: session.answers) }.map(\.id)
    }

    private func submission(_ session: FormSession) -> FormSubmission {
        let fields = applicableAnswered(session).compactMap { slotID -> FormSubmission.Field? in
            guard let slot = form.slot(slotID), let value = session.answers[slotID] else { return nil }
            return FormSubmission.Field(
                slot: slotID,
                label: slot.label,
                value: value.storedText,
                display: value.display(in: slot),
                sensitivity: slot.sensitivity
            )
        }
        return FormSubmission(formID: form.id, reporterID: session.reporterID, urgent: session.urgent, fields: fields)
    }

    /// The slot "change <field>" names, by label or id, or `nil`.
    private func changeTarget(_ command: String) -> String? {
        let verbs = ["change ", "edit ", "correct ", "fix "]
        guard let verb = verbs.first(where: { command.hasPrefix($0) }) else { return nil }
        var target = String(command.dropFirst(verb.count))
        for filler in ["the ", "my "] where target.hasPrefix(filler) { target = String(target.dropFirst(filler.count)) }
        let slots = form.slots
        if let exact = slots.first(where: {
            normalizer.normalize($0.label) == target
                || normalizer.normalize($0.id.split(separator: "_").joined(separator: " ")) == target
        }) {
            return exact.id
        }
        let partial = slots.filter { normalizer.normalize($0.label).contains(target) && !target.isEmpty }
        return partial.count == 1 ? partial[0].id : nil
    }

    private func resumable(_ phase: FormSession.Phase) -> FormSession.Resumable? {
        switch phase {
        case .asking(let slot): .asking(slot)
        case .confirming: .confirming
        case .choosingChange: .choosingChange
        case .confirmingCancel(let resume), .paused(let resume): resume
        }
    }

    var cancelQuestion: String {
        "Do you want to cancel this \(form.purpose.noun)? Nothing you've told me will be kept. Reply **yes** to cancel "
            + "or **no** to carry on."
    }

    /// An item name for "change …" in the read-back: "where" in the concern form, else the first slot's label.
    var changeExample: String {
        if form.slot("where") != nil { return "where" }
        return form.slots.first.map { $0.label.lowercased() } ?? "it"
    }
    /// A short message (four words at most) with its slips in command words corrected: "cancle" → cancel, "bakc" →
    /// back, "hlep" → help, "chnage date" → change date. Longer messages are answers and are left as typed.
    static func correctingCommandSlips(_ input: String) -> String {
        let words = input.split(whereSeparator: \.isWhitespace).map(String.init)
        guard (1...4).contains(words.count) else { return input }
        var changed = false
        let corrected = words.map { word -> String in
            let lowered = Array(word.lowercased().utf8)
            guard lowered.count >= 3, !commandWords.contains(word.lowercased()) else { return word }
            for target in commandWords where SafetySpelling.isSlip(lowered, of: Array(target.utf8)) {
                changed = true
                return target
            }
            return word
        }
        return changed ? corrected.joined(separator: " ") : input
    }

    /// The words of the form commands, the targets of ``correctingCommandSlips(_:)``.
    static let commandWords = ["cancel", "back", "help", "change", "edit", "person", "skip", "continue", "submit"]

    static let yes: Set<String> = [
        "yes", "y", "yeah", "yep", "yes please", "correct", "that is right", "confirm", "ok",
    ]
    static let no: Set<String> = ["no", "n", "nope", "not quite", "no thanks"]
    static let cancel: Set<String> = ["cancel", "stop", "cancel it", "cancel this", "quit", "abandon", "cancel form"]
    static let back: Set<String> = ["back", "go back", "previous", "undo"]
    static let help: Set<String> = [
        "help", "what do you mean", "i do not understand", "explain", "more", "tell me more", "more info",
        "more please", "more detail", "more details", "what", "sorry", "i am confused", "confused", "example",
        "examples", "for example", "options", "what can i say", "what are my options",
    ]
    static let person: Set<String> = [
        "person", "talk to a person", "speak to someone", "human", "real person", "talk to someone",
        "speak to a person", "a person", "talk to a human", "speak to a human", "can i talk to someone",
        "can i speak to someone", "can i talk to a person", "i want to talk to someone",
    ]
    static let carryOn: Set<String> = ["continue", "carry on", "go on", "resume", "keep going"]
}
