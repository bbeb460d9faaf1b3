import TextNormalization

/// The de-identification check a snippet's free text passes before anything is stored: personal data to rephrase,
/// and whether it reads like an account of one person's case (refused: a snippet describes how things are done).
public struct SnippetReview: Sendable, Hashable {
    /// Personal data found, in order of position.
    public let findings: [PersonalDataFinding]
    /// The phrases that make the text read like an individual case, if it does (empty otherwise).
    public let individualCaseCues: [String]

    /// Checks `text`.
    public init(_ text: String) {
        findings = PersonalDataCheck().findings(in: text)
        individualCaseCues = Self.individualCaseCues(in: text)
    }

    /// Whether the text may be stored as it is.
    public var isClean: Bool { findings.isEmpty && individualCaseCues.isEmpty }

    /// What the author is told when the text may not be stored: what was found (quoted back to them only) and how
    /// to rephrase. `nil` when the text is clean.
    public var message: String? {
        if !findings.isEmpty {
            var lines = ["I can't keep that as it is: it seems to contain personal details."]
            for finding in findings.prefix(5) {
                lines.append(
                    "- \"\(finding.matched)\" looks like \(finding.kind.description); write \(finding.kind.advice) instead."
                )
            }
            lines.append("Please rephrase it without them. Nothing has been stored.")
            return lines.joined(separator: "\n")
        }
        if !individualCaseCues.isEmpty {
            return """
                This reads like an account of one person's case (for example "\(individualCaseCues[0])"), so I can't \
                keep it as a good-practice snippet. Describe how the process works in general terms — who does what, \
                and why it helps — not what happened to someone. Nothing has been stored. If you are worried about \
                someone, say "raise a concern" instead.
                """
        }
        return nil
    }

    /// Phrases typical of a story about one person: gendered pronouns, "one of our students", "was referred",
    /// "last week". One pronoun with any other cue, two pronouns, or two other cues make a case.
    static func individualCaseCues(in text: String) -> [String] {
        let tokens = replacingGenericPronouns(TextNormalizer().tokens(text))
        let pronouns = tokens.filter(Self.pronouns.contains)
        let phrases = caseSignalWords.filter { signal in
            tokens.indices.contains { start in
                start + signal.words.count <= tokens.count
                    && tokens[start..<(start + signal.words.count)].elementsEqual(signal.words)
            }
        }.map(\.text)
        let cues = phrases + pronouns.prefix(2)
        let isCase = (!pronouns.isEmpty && !phrases.isEmpty) || pronouns.count >= 2 || phrases.count >= 2
        return isCase ? cues : []
    }

    /// "he or she", "his or her", "s/he" and the like read as "they": they speak of anyone, not one person.
    private static func replacingGenericPronouns(_ tokens: [String]) -> [String] {
        var output: [String] = []
        output.reserveCapacity(tokens.count)
        var index = 0
        scan: while index < tokens.count {
            for generic in genericPronouns
            where index + generic.count <= tokens.count
                && tokens[index..<(index + generic.count)].elementsEqual(generic)
            {
                output.append("they")
                index += generic.count
                continue scan
            }
            output.append(tokens[index])
            index += 1
        }
        return output
    }

    private static let pronouns: Set<String> = ["he", "she", "him", "his", "her", "hers", "himself", "herself"]
    private static let genericPronouns: [[String]] = [
        ["he", "or", "she"], ["she", "or", "he"], ["his", "or", "her"], ["her", "or", "his"], ["him", "or", "her"],
        ["s", "he"],
    ]
    /// ``caseSignals`` as word lists, matched at each token of the normalised message.
    private static let caseSignalWords: [(text: String, words: [String])] = caseSignals.map {
        ($0, $0.split(separator: " ").map(String.init))
    }

    static let caseSignals: [String] = [
        "one of our students", "one of my students", "a student of mine", "my tutee", "this student",
        "the student said", "the student told", "told me", "disclosed to me", "was referred", "we referred",
        "i referred", "was arrested", "was excluded", "was suspended", "last week", "last month", "yesterday",
        "last term", "this morning", "their family", "the student was", "a student who was", "the young person",
        "his flat", "her flat", "in his room", "in her room",
    ]
}
