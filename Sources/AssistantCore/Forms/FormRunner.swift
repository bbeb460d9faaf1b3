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
    let normalizer = TextNormalizer()
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
}
