import TextNormalization

/// Reads when something happened the way British staff say it: "today at 2pm", "yesterday afternoon", "last night",
/// "last week", "on Friday", "3rd March", "03/03/2026", "two days ago", "not sure".
///
/// Pure: "today" is injected (the day the message was sent), never read from a clock. Times of day ("at 2pm",
/// "afternoon") are kept only in the person's own words; the stored value is the day. Day-first, as in the UK:
/// "03/04" is 3 April.
public struct NaturalDateParser: Sendable {
    /// What an answer about "when" says.
    public enum Reading: Sendable, Hashable {
        /// A day on or before today.
        case day(CalendarDate)
        /// "Not sure", "can't remember": allowed, stored as unknown.
        case unknown
        /// A day after today ("next Friday", "tomorrow").
        case future
        /// Not a date this parser understands.
        case unreadable
    }

    public let today: CalendarDate
    private let normalizer = TextNormalizer()

    public init(today: CalendarDate) {
        self.today = today
    }

    /// What `input` says about the day.
    public func read(_ input: String) -> Reading {
        let all = normalizer.tokens(input).map(Self.correctingSlip)
        let joined = " " + all.joined(separator: " ") + " "
        if Self.unknownPhrases.contains(where: { joined.contains(" \($0) ") }) { return .unknown }
        if Self.futurePhrases.contains(where: { joined.contains(" \($0) ") }) { return .future }
        if joined.contains(" day before yesterday ") { return .day(today.adding(days: -2)) }
        let plain = all.filter { !Self.filler.contains($0) }
        if let date = numericDate(plain) { return date > today ? .future : .day(date) }
        let words = Self.removingTimes(all).filter { !Self.filler.contains($0) }
        guard !words.isEmpty else {
            let namesATime = all.contains { Self.timeWords.contains($0) || Self.isClockTime($0) }
            return namesATime ? .day(today) : .unreadable
        }
        let text = words.joined(separator: " ")
        if text == "weekend" || text == "last weekend" {
            var back = (today.isoWeekday - 6 + 7) % 7
            if back == 0 { back = 7 }
            return .day(today.adding(days: -back))
        }
        if let offset = Self.relativeDays[text] { return .day(today.adding(days: -offset)) }
        if let offset = agoOffset(words) { return .day(today.adding(days: -offset)) }
        if let date = weekday(words) { return date }
        if let date = ordinalOfThisMonth(words) { return date }
        if let date = writtenDate(words) {
            return date > today ? .future : .day(date)
        }
        return .unreadable
    }

    /// A date word with one slip corrected ("yesturday", "tuseday", "febuary"), as the safety screen reads words.
    static func correctingSlip(_ word: String) -> String {
        guard word.count >= 4, !dateWords.contains(word), Int(word) == nil else { return word }
        let bytes = Array(word.utf8)
        return dateWords.first { SafetySpelling.isSlip(bytes, of: Array($0.utf8)) } ?? word
    }

    static let dateWords: [String] = [
        "yesterday", "today", "tonight", "morning", "afternoon", "evening", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july",
        "august", "september", "october", "november", "december", "fortnight", "weekend", "tomorrow", "last", "week",
        "weeks", "month", "months", "days",
    ]

    // MARK: - Pieces

    /// "two days ago", "3 weeks ago", "a couple of days ago".
    private func agoOffset(_ words: [String]) -> Int? {
        guard words.count >= 2, words.last == "ago" else { return nil }
        let body = words.dropLast()
        guard let unit = body.last, let days = Self.unitDays[unit] else { return nil }
        let amount = body.dropLast().joined(separator: " ")
        if amount.isEmpty { return days }
        guard let count = Int(amount) ?? Self.numbers[amount], count <= 400 else { return nil }
        return count * days
    }

    /// "Friday", "on Friday", "last Friday", "this Tuesday", "Friday just gone": the most recent such day before
    /// today; "next Friday" is in the future.
    private func weekday(_ words: [String]) -> Reading? {
        guard let index = words.firstIndex(where: { Self.weekdayNumber($0) != nil }),
            let number = Self.weekdayNumber(words[index])
        else { return nil }
        let others = words.enumerated().filter { $0.offset != index }.map(\.element)
        let allowed: Set<String> = ["last", "this", "just", "gone", "past", "previous", "the"]
        guard others.allSatisfy(allowed.contains) else { return nil }
        var back = (today.isoWeekday - number + 7) % 7
        if back == 0 { back = 7 }
        return .day(today.adding(days: -back))
    }

    /// 03/03/2026, 3/3/26, 3/3, 2026-03-03 (the normaliser has already split them into numbers).
    private func numericDate(_ words: [String]) -> CalendarDate? {
        let numbers = words.filter { Int($0) != nil }
        guard numbers.count == words.count, (2...3).contains(numbers.count) else { return nil }
        let values = numbers.compactMap { Int($0) }
        if values.count == 3, numbers[0].count == 4 {
            return CalendarDate(year: values[0], month: values[1], day: values[2])
        }
        let year = values.count == 3 ? (values[2] < 100 ? values[2] + 2000 : values[2]) : nil
        return dayMonth(day: values[0], month: values[1], year: year)
    }

    /// "the 3rd", "on the 21st": that day this month, or last month when it is still to come.
    private func ordinalOfThisMonth(_ words: [String]) -> Reading? {
        guard words.count == 1, let word = words.first, word.count >= 3,
            ["st", "nd", "rd", "th"].contains(where: word.hasSuffix), let day = Self.dayNumber(word)
        else { return nil }
        if let date = CalendarDate(year: today.year, month: today.month, day: day), date <= today { return .day(date) }
        let month = today.month == 1 ? 12 : today.month - 1
        let year = today.month == 1 ? today.year - 1 : today.year
        return CalendarDate(year: year, month: month, day: day).map(Reading.day)
    }

    /// "3rd March", "March 3rd", "the 3rd of March 2026", "3 mar".
    private func writtenDate(_ words: [String]) -> CalendarDate? {
        let parts = words.filter { $0 != "of" }
        guard (2...3).contains(parts.count) else { return nil }
        var day: Int?
        var month: Int?
        var year: Int?
        for part in parts {
            if let number = Self.month(part), month == nil {
                month = number
            } else if let number = Int(part), number > 31 {
                year = number
            } else if let number = Self.dayNumber(part), day == nil {
                day = number
            } else {
                return nil
            }
        }
        guard let day, let month else { return nil }
        return dayMonth(day: day, month: month, year: year)
    }

    private func dayMonth(day: Int, month: Int, year: Int?) -> CalendarDate? {
        if let year { return CalendarDate(year: year, month: month, day: day) }
        if let thisYear = CalendarDate(year: today.year, month: month, day: day), thisYear <= today { return thisYear }
        return CalendarDate(year: today.year - 1, month: month, day: day)
    }

    /// Drops times of day: "at 2pm", "2 pm", "14 30", "around 3", "in the afternoon", "lunchtime".
    static func removingTimes(_ words: [String]) -> [String] {
        var kept: [String] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            if timeWords.contains(word) || isClockTime(word) {
                index += 1
                continue
            }
            if ["at", "around", "about"].contains(word), index + 1 < words.count,
                let hour = Int(words[index + 1]), (0...23).contains(hour)
            {
                index += 2
                if index < words.count, let minutes = Int(words[index]), (0...59).contains(minutes) { index += 1 }
                if index < words.count, ["am", "pm", "oclock"].contains(words[index]) { index += 1 }
                continue
            }
            if let hour = Int(word), (0...23).contains(hour), index + 1 < words.count {
                let next = words[index + 1]
                if ["am", "pm", "oclock"].contains(next) {
                    index += 2
                    continue
                }
            }
            kept.append(word)
            index += 1
        }
        return kept
    }

    private static func isClockTime(_ word: String) -> Bool {
        if word.hasSuffix("ish"), let hour = Int(word.dropLast(3)), (1...23).contains(hour) { return true }
        for suffix in ["am", "pm"] where word.hasSuffix(suffix) {
            if let hour = Int(word.dropLast(2)), (1...12).contains(hour) { return true }
        }
        return false
    }

    private static func weekdayNumber(_ word: String) -> Int? {
        let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        let short = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        if let index = names.firstIndex(of: word) { return index + 1 }
        if let index = short.firstIndex(of: word) { return index + 1 }
        let more = ["tues": 2, "weds": 3, "wensday": 3, "wendsday": 3, "wednsday": 3, "thur": 4, "thurs": 4]
        if let number = more[word] { return number }
        return nil
    }

    static func month(_ word: String) -> Int? {
        let names = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ]
        if let index = names.firstIndex(of: word) { return index + 1 }
        if word.count >= 3, let index = names.firstIndex(where: { $0.hasPrefix(word) }) {
            return index + 1
        }
        if word == "sept" { return 9 }
        return nil
    }

    private static func dayNumber(_ word: String) -> Int? {
        var digits = word
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) { digits = String(digits.dropLast(2)) }
        guard let number = Int(digits), (1...31).contains(number) else { return nil }
        return number
    }

    static let unknownPhrases = [
        "not sure", "unsure", "do not know", "can not remember", "can not recall", "do not remember", "no idea",
        "not certain", "unknown", "no clue", "forget", "forgotten", "not known", "do not recall",
    ]
    static let futurePhrases = [
        "tomorrow", "next week", "next month", "next year", "next monday", "next tuesday", "next wednesday",
        "next thursday", "next friday", "next saturday", "next sunday", "in a week", "later today",
    ]
    static let filler: Set<String> = [
        "it", "was", "is", "happened", "on", "at", "around", "about", "approximately", "roughly", "i", "think",
        "sometime", "some", "time", "in", "the", "early", "late", "probably", "maybe", "believe", "just", "ish",
        "or", "so", "and", "a", "bit", "this", "that", "during", "day", "after", "before",
    ]
    static let timeWords: Set<String> = [
        "morning", "afternoon", "evening", "night", "lunchtime", "lunch", "midday", "noon", "teatime", "midnight",
        "tonight", "am", "pm", "oclock", "earlier", "ish",
    ]
    /// After filler and times are dropped: days back from today.
    static let relativeDays: [String: Int] = [
        "today": 0, "now": 0, "yesterday": 1, "last": 1, "day before yesterday": 2, "last week": 7, "week": 0,
        "last month": 30,
    ]
    static let unitDays = [
        "day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "fortnights": 14, "month": 30, "months": 30,
        "hour": 0, "hours": 0, "minutes": 0,
    ]
    static let numbers = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "couple": 2, "a couple": 2, "couple of": 2, "a couple of": 2, "few": 3, "a few": 3,
    ]
}
