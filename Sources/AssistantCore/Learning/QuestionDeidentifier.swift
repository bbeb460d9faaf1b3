/// Removes personal data from a question before it is kept for review: the snippet check's findings (names,
/// emails, phone numbers, ID numbers, incident dates, rooms and named halls) and, more cautiously than for a snippet,
/// every day-and-month or numeric date and every run of five or more digits in a row, whatever the sentence says.
///
/// Each finding becomes a placeholder — `[name]`, `[email]`, `[phone]`, `[id]`, `[date]`, `[room]` — so a reviewer
/// still sees the shape of the question. Pure; never logs.
public struct QuestionDeidentifier: Sendable {
    public init() {}

    /// The placeholder that stands for a kind of finding.
    public static func placeholder(for kind: PersonalDataFinding.Kind) -> String {
        switch kind {
        case .personName: "[name]"
        case .email: "[email]"
        case .phoneNumber: "[phone]"
        case .idNumber: "[id]"
        case .incidentDate: "[date]"
        case .room, .residence: "[room]"
        }
    }

    /// `text` with every finding replaced by its placeholder.
    public func deidentify(_ text: String) -> String {
        var spans = PersonalDataCheck().findings(in: text).map { (range: $0.range, kind: $0.kind) }
        for extra in extraFindings(in: text) where !spans.contains(where: { $0.range.overlaps(extra.range) }) {
            spans.append(extra)
        }
        var result = ""
        var position = text.startIndex
        for span in spans.sorted(by: { $0.range.lowerBound < $1.range.lowerBound })
        where span.range.lowerBound >= position {
            result += text[position..<span.range.lowerBound]
            result += Self.placeholder(for: span.kind)
            position = span.range.upperBound
        }
        result += text[position...]
        return result
    }

    /// Dates without an incident cue and long numbers without an ID cue: a question keeps neither.
    private func extraFindings(in text: String) -> [(range: Range<String.Index>, kind: PersonalDataFinding.Kind)] {
        let words = Word.scan(text)
        var found: [(range: Range<String.Index>, kind: PersonalDataFinding.Kind)] = []
        for (position, word) in words.enumerated() {
            if PersonalDataCheck.isNumericDate(word.raw) {
                found.append((word.range, .incidentDate))
            } else if PersonalDataCheck.month(word.lower) != nil, word.lower.count > 3 || word.isCapitalised {
                if position > 0, PersonalDataCheck.dayNumber(words[position - 1].lower) != nil {
                    found.append((words[position - 1].range.lowerBound..<word.range.upperBound, .incidentDate))
                } else if position + 1 < words.count, PersonalDataCheck.dayNumber(words[position + 1].lower) != nil {
                    found.append((word.range.lowerBound..<words[position + 1].range.upperBound, .incidentDate))
                }
            } else if Self.longestDigitRun(word.raw) >= 5 {
                found.append((word.range, .idNumber))
            }
        }
        return found
    }

    /// The most ASCII digits in a row in `word` ("20231234": 8; the year range "2024-25": 4).
    static func longestDigitRun(_ word: String) -> Int {
        var longest = 0
        var run = 0
        for character in word {
            run = character.isASCII && character.isNumber ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
