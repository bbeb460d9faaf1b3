import TextNormalization

/// Reads a person's answer to one slot: a choice by number, label or id; yes or no; text within its length limits;
/// a date in the forms people type. Returns a ``FormValue`` or a message saying what was expected.
public struct SlotAnswerParser: Sendable {
    public let today: CalendarDate
    private let normalizer = TextNormalizer()

    public init(today: CalendarDate) {
        self.today = today
    }

    /// Parses `input` for `slot`.
    public func parse(_ input: String, for slot: FormSlot) -> Result<FormValue, SlotAnswerError> {
        switch slot.kind {
        case .choice(let choices): return choice(input, choices)
        case .yesNo: return yesNo(input)
        case .text(let minLength, let maxLength): return text(input, minLength: minLength, maxLength: maxLength)
        case .date: return date(input)
        case .choices(let choices, let maximum): return multipleChoices(input, choices, maximum: maximum)
        }
    }

    func multipleChoices(
        _ input: String,
        _ choices: [FormSlot.Choice],
        maximum: Int
    ) -> Result<FormValue, SlotAnswerError> {
        let failure = SlotAnswerError(
            "Please reply with up to \(maximum) of the numbers 1 to \(choices.count), separated by commas "
                + "(for example \"1, 3\"), or the options' words."
        )
        let parts = input.split(whereSeparator: { ",;&/".contains($0) })
            .map { String(String($0).trimmingWhitespace()) }
            .filter { !$0.isEmpty }
        var ids: [String] = []
        func add(_ id: String) { if !ids.contains(id) { ids.append(id) } }
        for part in parts {
            // A whole label ("Welfare and pastoral"), then numbers ("1 3"), then pieces joined by "and".
            if case .success(.choice(let id)) = choice(part, choices) {
                add(id)
                continue
            }
            let words = part.split(separator: " ")
            let pieces =
                words.allSatisfy({ Int($0) != nil })
                ? words.map(String.init) : part.components(separatedBy: " and ")
            guard pieces.count > 1 else { return .failure(failure) }
            for piece in pieces {
                guard case .success(.choice(let id)) = choice(piece, choices) else { return .failure(failure) }
                add(id)
            }
        }
        guard !ids.isEmpty, ids.count <= maximum else { return .failure(failure) }
        return .success(.choices(ids))
    }

    func choice(_ input: String, _ choices: [FormSlot.Choice]) -> Result<FormValue, SlotAnswerError> {
        let answer = normalizer.normalize(input)
        if let number = Int(answer), (1...choices.count).contains(number) {
            return .success(.choice(choices[number - 1].id))
        }
        let exact = choices.filter {
            normalizer.normalize($0.label) == answer || normalizer.normalize($0.id.replacingUnderscores()) == answer
        }
        if let only = exact.first, exact.count == 1 { return .success(.choice(only.id)) }
        let padded = " \(answer) "
        let contained = choices.filter { padded.contains(" \(normalizer.normalize($0.label)) ") }
        if let only = contained.first, contained.count == 1 { return .success(.choice(only.id)) }
        return .failure(
            SlotAnswerError("Please reply with one of the numbers 1 to \(choices.count), or the option's words.")
        )
    }

    func yesNo(_ input: String) -> Result<FormValue, SlotAnswerError> {
        let answer = normalizer.normalize(input)
        let yes: Set<String> = ["yes", "y", "yeah", "yep", "yes please", "correct", "true", "i think so", "ye", "yup"]
        let no: Set<String> = [
            "no", "n", "nope", "not", "no one", "nobody", "none", "false", "i do not think so", "nah",
        ]
        if yes.contains(answer) { return .success(.yesNo(true)) }
        if no.contains(answer) { return .success(.yesNo(false)) }
        // "yes, he's still there", "no, not now": the first word decides, unless it is unsure ("no idea").
        let words = answer.split(separator: " ").map(String.init)
        let unsure = ["no idea", "not sure", "no clue", "i do not know", "do not know"]
        if let first = words.first, !unsure.contains(where: { answer.hasPrefix($0) }) {
            if ["yes", "yeah", "yep", "yup", "y"].contains(first) { return .success(.yesNo(true)) }
            if ["no", "nope", "nah", "nobody", "none", "n"].contains(first) { return .success(.yesNo(false)) }
        }
        return .failure(SlotAnswerError("Please reply yes or no."))
    }

    func text(_ input: String, minLength: Int, maxLength: Int) -> Result<FormValue, SlotAnswerError> {
        let trimmed = String(input.trimmingWhitespace())
        if trimmed.count < minLength {
            return .failure(SlotAnswerError("Please write a little more (at least \(minLength) characters)."))
        }
        if trimmed.count > maxLength {
            return .failure(
                SlotAnswerError("That is longer than I can keep (\(maxLength) characters at most). Please shorten it.")
            )
        }
        return .success(.text(trimmed))
    }

    func date(_ input: String) -> Result<FormValue, SlotAnswerError> {
        let words = String(input.trimmingWhitespace())
        switch NaturalDateParser(today: today).read(input) {
        case .day(let date):
            return .success(.day(date, words: String(words.prefix(Self.maxDateWords))))
        case .unknown:
            return .success(.day(nil, words: String(words.prefix(Self.maxDateWords))))
        case .future:
            return .failure(
                SlotAnswerError(
                    "That's in the future — I'm asking when it already happened. If it is about to happen and "
                        + "anyone could be hurt, call 999 now. Otherwise, when did it happen?",
                    givesExamples: true
                )
            )
        case .unreadable:
            return .failure(
                SlotAnswerError(
                    "I couldn't read that as a day. Try \"today at 2pm\", \"yesterday afternoon\", \"last week\", "
                        + "\"on Friday\", \"3rd March\" or \"03/03/2026\" — or \"not sure\".",
                    givesExamples: true
                )
            )
        }
    }

    /// The person's words kept beside a date, at most this long.
    static let maxDateWords = 80

    /// The day `input` names, or `nil` (also for a future day or "not sure").
    public func parseDate(_ input: String) -> CalendarDate? {
        if case .day(let date) = NaturalDateParser(today: today).read(input) { return date }
        return nil
    }
}

/// Why an answer did not fit its slot, in words for the person.
public struct SlotAnswerError: Error, Sendable, Hashable {
    public let message: String
    /// Whether the message already shows examples, so the slot's help (more examples) is not added.
    public let givesExamples: Bool

    public init(_ message: String, givesExamples: Bool = false) {
        self.message = message
        self.givesExamples = givesExamples
    }
}

extension String {
    fileprivate func components(separatedBy separator: String) -> [String] {
        split(separator: separator).map { String(String($0).trimmingWhitespace()) }.filter { !$0.isEmpty }
    }

    fileprivate func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
