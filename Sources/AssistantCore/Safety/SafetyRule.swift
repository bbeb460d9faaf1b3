public import TextNormalization

/// One rule of the safety screen, written in content (`intents/safety.yaml`), never in code.
///
/// A rule fires on a normalised message in one of two ways:
/// - ``Pattern/anyPhrase(_:)``: any of the phrases appears;
/// - ``Pattern/sequence(_:)``: a `when` phrase (an intent or presence marker such as "going to", "has a") is followed,
///   with at most `maxGap` words in between and none of them a `blocker`, by a `then` phrase (a violent act or a
///   weapon such as "bomb", "stab*").
///
/// Phrases are sequences of normalised words; a word ending in `*` matches any word that starts with the rest
/// (`stab*` matches "stab", "stabbing", "stabbed").
public struct SafetyRule: Sendable, Hashable {
    /// The shape of a rule.
    public enum Pattern: Sendable, Hashable {
        case anyPhrase([Phrase])
        case sequence(Sequence)
    }

    /// A marker followed closely by a target, e.g. "will" … "bomb".
    public struct Sequence: Sendable, Hashable {
        public let when: [Phrase]
        public let then: [Phrase]
        public let maxGap: Int
        public let blockers: Set<String>

        public init(when: [Phrase], then: [Phrase], maxGap: Int, blockers: Set<String>) {
            self.when = when
            self.then = then
            self.maxGap = maxGap
            self.blockers = blockers
        }
    }

    public let id: String
    public let pattern: Pattern

    public init(id: String, pattern: Pattern) {
        self.id = id
        self.pattern = pattern
    }
}

/// A sequence of normalised words, each matched exactly or, with a trailing `*`, as a prefix.
public struct Phrase: Sendable, Hashable, CustomStringConvertible {
    public let words: [String]

    /// Builds a phrase from content text; the text is normalised like messages are, keeping `*` wildcards.
    public init(_ text: String, normalizer: TextNormalizer = TextNormalizer()) {
        let wildcard = text.hasSuffix("*")
        var words = normalizer.tokens(wildcard ? String(text.dropLast()) : text)
        if wildcard, let last = words.popLast() { words.append(last + "*") }
        self.words = words
    }

    public var description: String { words.joined(separator: " ") }

    /// Whether the phrase matches `tokens` starting at `start`.
    func matches(_ tokens: [String], at start: Int) -> Bool {
        guard !words.isEmpty, start + words.count <= tokens.count else { return false }
        for (offset, word) in words.enumerated() {
            let token = tokens[start + offset]
            if word.hasSuffix("*") {
                if !token.hasPrefix(word.dropLast()) { return false }
            } else if token != word {
                return false
            }
        }
        return true
    }
}

/// The safety screen's content: the rules, the phrases that never count (e.g. "bath bomb"), the article the
/// emergency answer is read from, and the words that tell danger *now* from a *report* of something said or done.
public struct SafetyRuleSet: Sendable, Hashable {
    public let articleID: String
    public let rules: [SafetyRule]
    public let exceptions: [Phrase]
    /// Words that place the danger now or imminently ("right now", "tonight", "on his way"); they win over
    /// ``reportMarkers``.
    public let nowMarkers: [Phrase]
    /// Words that make a message a report of something said, shared or done earlier ("last week", "posted",
    /// "threatened"): the person gets the matching article with a 999 line, not the emergency answer.
    public let reportMarkers: [Phrase]
    /// Words without which the matcher's "immediate danger" is not trusted ("panic attack", "massive party"): the
    /// next topic is answered instead.
    public let dangerWords: [Phrase]
    /// Real words one slip away from a rule's word ("attach", "skill", "fill"), never read as a misspelling.
    public let notTypos: Set<String>

    public init(
        articleID: String = Intent.immediateDangerID,
        rules: [SafetyRule],
        exceptions: [Phrase],
        nowMarkers: [Phrase] = [],
        reportMarkers: [Phrase] = [],
        dangerWords: [Phrase] = [],
        notTypos: Set<String> = []
    ) {
        self.articleID = articleID
        self.rules = rules
        self.exceptions = exceptions
        self.nowMarkers = nowMarkers
        self.reportMarkers = reportMarkers
        self.dangerWords = dangerWords
        self.notTypos = notTypos
    }

    /// No rules: the screen never fires. Only for tests and for a knowledge base without `safety.yaml`
    /// (which `kb check` rejects).
    public static let empty = SafetyRuleSet(rules: [], exceptions: [])

    /// Every word the rules name, wildcards without their `*`: what a misspelt word is corrected towards.
    var vocabulary: Set<String> {
        var phrases = exceptions + nowMarkers + reportMarkers + dangerWords
        for rule in rules {
            switch rule.pattern {
            case .anyPhrase(let list): phrases += list
            case .sequence(let sequence): phrases += sequence.when + sequence.then
            }
        }
        var words: Set<String> = []
        for phrase in phrases {
            for word in phrase.words {
                words.insert(word.hasSuffix("*") ? String(word.dropLast()) : word)
            }
        }
        return words
    }
}
