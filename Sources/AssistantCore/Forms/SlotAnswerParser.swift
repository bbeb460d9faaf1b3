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
        guard let date = parseDate(input) else {
            return .failure(
                SlotAnswerError(
                    "I couldn't read that date. Try \"today\", \"yesterday\", \"last Tuesday\", \"20/11\" or \"2026-11-20\"."
                )
            )
        }
        if date > today {
            return .failure(SlotAnswerError("That date is in the future. When did it happen?"))
        }
        return .success(.date(date))
    }

    /// The day `input` names, or `nil`. A day and month without a year means the most recent such day.
    public func parseDate(_ input: String) -> CalendarDate? {
        let words = normalizer.tokens(input)
        let text = words.joined(separator: " ")
        switch text {
        case "today", "this morning", "this afternoon", "this evening", "tonight", "earlier today", "just now":
            return today
        case "yesterday", "last night", "yesterday evening", "yesterday morning": return today.adding(days: -1)
        default: break
        }
        if let weekday = Self.weekday(words.last), words.count <= 2,
            words.count == 1 || ["last", "on"].contains(words[0])
        {
            var back = (today.isoWeekday - weekday + 7) % 7
            if back == 0 { back = 7 }
            return today.adding(days: -back)
        }
        if words.count == 3, let count = Int(words[0]) ?? Self.smallNumbers[words[0]], count <= 366,
            ["day", "days"].contains(words[1]), words[2] == "ago"
        {
            return today.adding(days: -count)
        }
        if let iso = CalendarDate(iso: String(input.trimmingWhitespace())) { return iso }
        return dayMonthYear(String(input.trimmingWhitespace()), words: words)
    }

    private func dayMonthYear(_ raw: String, words: [String]) -> CalendarDate? {
        var parts: [String]
        if raw.contains("/") || raw.contains(".") {
            parts = raw.split(whereSeparator: { $0 == "/" || $0 == "." }).map(String.init)
        } else {
            parts = words.filter { $0 != "of" }
        }
        guard parts.count == 2 || parts.count == 3 else { return nil }
        let dayText = parts[0].filter(\.isNumber)
        guard let day = Int(dayText), !dayText.isEmpty else { return nil }
        guard let month = Int(parts[1]) ?? Self.month(parts[1]) else { return nil }
        if parts.count == 3 {
            guard var year = Int(parts[2]) else { return nil }
            if year < 100 { year += 2000 }
            return CalendarDate(year: year, month: month, day: day)
        }
        if let thisYear = CalendarDate(year: today.year, month: month, day: day), thisYear <= today { return thisYear }
        return CalendarDate(year: today.year - 1, month: month, day: day)
    }

    private static func weekday(_ word: String?) -> Int? {
        guard let word else { return nil }
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        let short = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        if let index = names.firstIndex(of: word) { return index + 1 }
        if let index = short.firstIndex(of: word) { return index + 1 }
        return nil
    }

    private static func month(_ word: String) -> Int? {
        let names = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ]
        let lowered = word.lowercased()
        if let index = names.firstIndex(of: lowered) { return index + 1 }
        if lowered.count >= 3, let index = names.firstIndex(where: { $0.hasPrefix(lowered) }) { return index + 1 }
        return nil
    }

    private static let smallNumbers = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a": 1]
}

/// Why an answer did not fit its slot, in words for the person.
public struct SlotAnswerError: Error, Sendable, Hashable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }
}

extension String {
    fileprivate func components(separatedBy separator: String) -> [String] {
        split(separator: separator).map { String(String($0).trimmingWhitespace()) }.filter { !$0.isEmpty }
    }

    fileprivate func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
