import TextNormalization

/// Reading the form: which question comes next, which answers apply, the submission, and command words.
extension FormRunner {
    /// The first slot, in form order, that is not answered and whose condition holds.
    func nextSlot(answers: [String: FormValue]) -> String? {
        form.slots.first { answers[$0.id] == nil && applies($0, answers: answers) }?.id
    }

    func applies(_ slot: FormSlot, answers: [String: FormValue]) -> Bool {
        guard let condition = slot.condition else { return true }
        guard let answer = answers[condition.slot] else { return false }
        return condition.values.contains(answer.storedText)
    }

    /// Answered slots that still apply, in form order.
    func applicableAnswered(_ session: FormSession) -> [String] {
        form.slots.filter { session.answers[$0.id] != nil && applies($0, answers: session.answers) }.map(\.id)
    }

    func submission(_ session: FormSession) -> FormSubmission {
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
    func changeTarget(_ command: String) -> String? {
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

    func resumable(_ phase: FormSession.Phase) -> FormSession.Resumable? {
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
