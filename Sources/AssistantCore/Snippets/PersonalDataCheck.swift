import TextNormalization

/// Finds personal data in a good-practice snippet before anything is stored: names of people, email addresses, UK
/// phone numbers, student or staff ID numbers, exact dates tied to an incident, specific rooms and named halls.
///
/// Rule-based and deliberately cautious: a snippet describes how something is done, so a false alarm costs the author a
/// rephrase while a miss would publish someone's details. Words that name roles and bodies ("the Prevent lead",
/// "Channel panel", "the Home Office", "Student Union") are never names. Pure; never logs.
public struct PersonalDataCheck: Sendable {
    public init() {}

    /// Every finding in `text`, in order of position; overlapping findings are reported once.
    public func findings(in text: String) -> [PersonalDataFinding] {
        let words = Word.scan(text)
        var found: [PersonalDataFinding] = []
        found += emails(in: words, text: text)
        found += phones(in: text)
        found += ids(in: words, text: text)
        found += dates(in: words, text: text)
        found += places(in: words, text: text)
        found += names(in: words, text: text)
        var kept: [PersonalDataFinding] = []
        for finding in found.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
        where !kept.contains(where: { $0.range.overlaps(finding.range) }) {
            kept.append(finding)
        }
        return kept
    }

    // MARK: - Detectors

    private func emails(in words: [Word], text: String) -> [PersonalDataFinding] {
        words.compactMap { word in
            let parts = word.raw.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasSuffix(".") else {
                return nil
            }
            return finding(.email, word.range, text)
        }
    }

    private func phones(in text: String) -> [PersonalDataFinding] {
        var results: [PersonalDataFinding] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character.isASCIIDigit || character == "+" || character == "(" else {
                index = text.index(after: index)
                continue
            }
            if index > text.startIndex, text[text.index(before: index)].isLetterOrDigit {
                index = text.index(after: index)
                continue
            }
            var end = index
            var digits = ""
            var cursor = index
            while cursor < text.endIndex, "0123456789 +-()".contains(text[cursor]) {
                if text[cursor].isASCIIDigit {
                    digits.append(text[cursor])
                    end = text.index(after: cursor)
                }
                cursor = text.index(after: cursor)
            }
            let international = text[index] == "+" && digits.hasPrefix("44") && (11...12).contains(digits.count)
            let national = digits.hasPrefix("0") && (10...11).contains(digits.count)
            if international || national {
                results.append(finding(.phoneNumber, index..<end, text))
                index = end
            } else {
                index = cursor > index ? cursor : text.index(after: index)
            }
        }
        return results
    }

    private func ids(in words: [Word], text: String) -> [PersonalDataFinding] {
        let cues: Set<String> = [
            "student", "staff", "employee", "matric", "matriculation", "id", "number", "no", "num", "reg",
            "registration", "payroll", "urn", "ref", "reference",
        ]
        var results: [PersonalDataFinding] = []
        for (position, word) in words.enumerated() {
            let digits = word.raw.filter(\.isASCIIDigit).count
            let letters = word.raw.filter(\.isLetter).count
            guard digits >= 5, letters <= 2 else { continue }
            let cued = words[max(0, position - 3)..<position].contains { cues.contains($0.lower) }
            let longNumber = digits >= 7 && !word.raw.contains("/") && !word.raw.hasPrefix("0")
            if cued || longNumber { results.append(finding(.idNumber, word.range, text)) }
        }
        return results
    }

    private func dates(in words: [Word], text: String) -> [PersonalDataFinding] {
        var results: [PersonalDataFinding] = []
        for (position, word) in words.enumerated() {
            var range: Range<String.Index>?
            if Self.isNumericDate(word.raw) {
                range = word.range
            } else if Self.month(word.lower) != nil {
                if position > 0, Self.dayNumber(words[position - 1].lower) != nil {
                    range = words[position - 1].range.lowerBound..<word.range.upperBound
                } else if position > 1, words[position - 1].lower == "of",
                    Self.dayNumber(words[position - 2].lower) != nil
                {
                    range = words[position - 2].range.lowerBound..<word.range.upperBound
                } else if position + 1 < words.count, Self.dayNumber(words[position + 1].lower) != nil {
                    range = word.range.lowerBound..<words[position + 1].range.upperBound
                }
            }
            guard let range, Self.sentenceHasIncidentCue(around: range, in: text) else { continue }
            results.append(finding(.incidentDate, range, text))
        }
        return results
    }

    private func places(in words: [Word], text: String) -> [PersonalDataFinding] {
        let roomWords: Set<String> = ["room", "rm", "lab", "laboratory", "theatre", "flat", "office", "block", "floor"]
        let buildingWords: Set<String> = [
            "hall", "halls", "house", "court", "lodge", "residence", "residences", "tower", "building",
        ]
        let notSpecific: Set<String> = [
            "town", "city", "student", "students", "the", "our", "a", "an", "each", "every", "any", "your",
            "their", "this", "that", "union", "guild", "home", "main", "new", "open", "halls",
        ]
        var results: [PersonalDataFinding] = []
        for (position, word) in words.enumerated() where position + 1 < words.count {
            let next = words[position + 1]
            if roomWords.contains(word.lower), next.raw.contains(where: \.isASCIIDigit) {
                results.append(finding(.room, word.range.lowerBound..<next.range.upperBound, text))
            } else if word.isCapitalised, !notSpecific.contains(word.lower), next.isCapitalised,
                buildingWords.contains(next.lower)
            {
                results.append(finding(.residence, word.range.lowerBound..<next.range.upperBound, text))
            }
        }
        return results
    }

    private func names(in words: [Word], text: String) -> [PersonalDataFinding] {
        let honorifics: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"]
        let introducers: Set<String> = ["called", "named", "name's", "names"]
        let roles: Set<String> = ["student", "colleague", "tutee", "lecturer", "tutor", "pupil", "learner"]
        var results: [PersonalDataFinding] = []
        for (position, word) in words.enumerated() {
            let next = position + 1 < words.count ? words[position + 1] : nil
            let nextIsName = next.map { $0.isCapitalised && !NameLists.institutional.contains($0.lower) } ?? false
            let previous = position > 0 ? words[position - 1] : nil
            if honorifics.contains(word.lower), nextIsName, let next {
                results.append(finding(.personName, word.range.lowerBound..<next.range.upperBound, text))
            } else if introducers.contains(word.lower), nextIsName {
                results.append(finding(.personName, nameSpan(from: position + 1, words), text))
            } else if roles.contains(word.lower), nextIsName, let next, !next.startsSentence {
                results.append(finding(.personName, nameSpan(from: position + 1, words), text))
            } else if word.isCapitalised, NameLists.givenNames.contains(word.lower) {
                results.append(finding(.personName, nameSpan(from: position, words), text))
            } else if word.isCapitalised, NameLists.ambiguousGivenNames.contains(word.lower), nextIsName,
                let next, NameLists.surnames.contains(next.lower) || !next.startsSentence
            {
                results.append(finding(.personName, nameSpan(from: position, words), text))
            } else if word.isCapitalised, NameLists.surnames.contains(word.lower), let previous,
                previous.isCapitalised, !NameLists.institutional.contains(previous.lower),
                !previous.startsSentence || NameLists.givenNames.contains(previous.lower)
            {
                results.append(finding(.personName, previous.range.lowerBound..<word.range.upperBound, text))
            }
        }
        return results
    }

    /// A capitalised word and the capitalised word after it, if that one looks like a surname.
    private func nameSpan(from position: Int, _ words: [Word]) -> Range<String.Index> {
        let first = words[position]
        if position + 1 < words.count, words[position + 1].isCapitalised,
            !NameLists.institutional.contains(words[position + 1].lower), !words[position + 1].startsSentence
        {
            return first.range.lowerBound..<words[position + 1].range.upperBound
        }
        return first.range
    }

    private func finding(
        _ kind: PersonalDataFinding.Kind,
        _ range: Range<String.Index>,
        _ text: String
    ) -> PersonalDataFinding {
        PersonalDataFinding(kind: kind, range: range, matched: String(text[range]))
    }

    // MARK: - Dates

    static func month(_ word: String) -> Int? {
        let names = [
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
            "november", "december",
        ]
        let short = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
        if let index = names.firstIndex(of: word) { return index + 1 }
        if let index = short.firstIndex(of: word) { return index <= 8 ? index + 1 : index }
        return nil
    }

    static func dayNumber(_ word: String) -> Int? {
        var digits = word
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) {
            digits = String(digits.dropLast(2))
        }
        guard let day = Int(digits), (1...31).contains(day), digits.count <= 2 else { return nil }
        return day
    }

    static func isNumericDate(_ word: String) -> Bool {
        let parts = word.split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
        guard parts.count >= 2, parts.count <= 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) })
        else { return false }
        if parts[0].count == 4 {  // 2024-03-14
            return parts.count == 3 && (Int(parts[1]).map { (1...12).contains($0) } ?? false)
        }
        guard let day = Int(parts[0]), let month = Int(parts[1]) else { return false }
        return (1...31).contains(day) && (1...12).contains(month) && parts[0].count <= 2 && parts[1].count <= 2
    }

    /// Whether the sentence around `range` talks about something that happened (an incident), not a rule or a
    /// publication date.
    static func sentenceHasIncidentCue(around range: Range<String.Index>, in text: String) -> Bool {
        let terminators: Set<Character> = [".", "!", "?", "\n", ";"]
        var start = range.lowerBound
        while start > text.startIndex, !terminators.contains(text[text.index(before: start)]) {
            start = text.index(before: start)
        }
        var end = range.upperBound
        while end < text.endIndex, !terminators.contains(text[end]) { end = text.index(after: end) }
        let tokens = Set(TextNormalizer().tokens(String(text[start..<end])))
        return !tokens.isDisjoint(with: incidentCues)
    }

    static let incidentCues: Set<String> = [
        "incident", "happened", "referred", "referral", "reported", "disclosed", "disclosure", "told", "said",
        "arrested", "threatened", "threat", "attack", "attacked", "raised", "found", "saw", "seen", "posted",
        "police", "excluded", "suspended", "investigation", "case", "he", "she", "him", "her", "tutee",
    ]
}

/// A run of text between spaces, with its position, for the detectors.
struct Word {
    let raw: String
    let lower: String
    let range: Range<String.Index>
    /// Whether it is the first word of a sentence (capitalised for grammar, not because it is a name).
    let startsSentence: Bool

    var isCapitalised: Bool {
        guard let first = raw.first else { return false }
        return first.isUppercase && raw.dropFirst().contains(where: \.isLowercase)
    }

    /// Splits on whitespace; strips surrounding punctuation (keeping `@`, `.`, `/`, `-` inside a word).
    static func scan(_ text: String) -> [Word] {
        var words: [Word] = []
        var index = text.startIndex
        var sentenceStart = true
        while index < text.endIndex {
            while index < text.endIndex, text[index].isWhitespace || Self.leading.contains(text[index]) {
                if text[index] == "\n" { sentenceStart = true }
                index = text.index(after: index)
            }
            guard index < text.endIndex else { break }
            var end = index
            while end < text.endIndex, !text[end].isWhitespace { end = text.index(after: end) }
            var last = end
            while last > index, Self.trailing.contains(text[text.index(before: last)]) {
                last = text.index(before: last)
            }
            if last > index {
                let raw = String(text[index..<last])
                words.append(
                    Word(raw: raw, lower: raw.lowercased(), range: index..<last, startsSentence: sentenceStart)
                )
            }
            let tail = text[last..<end]
            sentenceStart =
                tail.contains { ".!?:".contains($0) } && !Self.isAbbreviation(String(text[index..<end]))
            index = end
        }
        return words
    }

    private static func isAbbreviation(_ word: String) -> Bool {
        ["mr.", "mrs.", "ms.", "dr.", "prof.", "no.", "st.", "e.g.", "i.e.", "etc.", "rm.", "nos."]
            .contains(word.lowercased()) || (word.count == 2 && word.first?.isUppercase == true && word.hasSuffix("."))
    }

    private static let leading: Set<Character> = ["(", "\"", "'", "[", "\u{201C}", "\u{2018}", "*", "-"]
    private static let trailing: Set<Character> = [
        ",", ".", ";", ":", "!", "?", ")", "\"", "'", "]", "\u{201D}", "\u{2019}", "*",
    ]
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
    fileprivate var isLetterOrDigit: Bool { isLetter || isNumber }
}
