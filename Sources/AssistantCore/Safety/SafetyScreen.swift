import TextNormalization

/// Screens every message for danger before any matching happens, and says whether the danger may be happening *now*
/// or is a *report* of something said, shared or done.
///
/// Words are normalised like the matcher's (``TextNormalizer``), and a word one slip away from a word the rules name
/// ("knif", "wil", "atack") is read as that word, unless it is a real word of its own (the content's
/// `not_typos`). The screen is deliberately simple and auditable: its rules are content, and
/// ``SafetyScreen/assess(_:)`` names the rule that fired.
public struct SafetyScreen: Sendable {
    /// Whether a finding may be danger happening now.
    public enum Urgency: String, Sendable, Hashable {
        /// Someone may be hurt now or imminently: the emergency answer first.
        case now
        /// An account of a threat made, material shared or a plan: the matching article, with a 999 line.
        case report
    }

    /// The screen's verdict on one message.
    public struct Finding: Sendable, Hashable {
        public let ruleID: String
        public let urgency: Urgency

        public init(ruleID: String, urgency: Urgency = .now) {
            self.ruleID = ruleID
            self.urgency = urgency
        }
    }

    public let rules: SafetyRuleSet
    private let normalizer = TextNormalizer()
    private let corrector: SafetySpelling
    /// Only the start of an enormous message is screened, which bounds the work per message.
    public static let maxScreenedCharacters = 20_000

    public init(rules: SafetyRuleSet) {
        self.rules = rules
        self.corrector = SafetySpelling(targets: rules.vocabulary, realWords: rules.notTypos)
    }

    /// The first rule that fires on `text`, with its urgency, or `nil`.
    public func assess(_ text: String) -> Finding? {
        let tokens = screenedTokens(text)
        for rule in rules.rules where Self.fires(rule, on: tokens) {
            return Finding(ruleID: rule.id, urgency: urgency(tokens))
        }
        return nil
    }

    /// Whether `text` names danger at all (a weapon, violence, a threat), after exceptions such as "panic attack"
    /// are removed. The matcher's "immediate danger" is trusted only when it does.
    public func mentionsDanger(_ text: String) -> Bool {
        let tokens = screenedTokens(text)
        return tokens.indices.contains { start in rules.dangerWords.contains { $0.matches(tokens, at: start) } }
    }

    /// The message's tokens, misspellings of the rules' words corrected and exceptions removed.
    func screenedTokens(_ text: String) -> [String] {
        removingExceptions(corrector.correct(normalizer.tokens(String(text.prefix(Self.maxScreenedCharacters)))))
    }

    private func urgency(_ tokens: [String]) -> Urgency {
        func any(_ phrases: [Phrase]) -> Bool {
            tokens.indices.contains { start in phrases.contains { $0.matches(tokens, at: start) } }
        }
        if any(rules.nowMarkers) { return .now }
        return any(rules.reportMarkers) ? .report : .now
    }

    private func removingExceptions(_ tokens: [String]) -> [String] {
        guard !rules.exceptions.isEmpty else { return tokens }
        var kept: [String] = []
        kept.reserveCapacity(tokens.count)
        var index = 0
        outer: while index < tokens.count {
            for exception in rules.exceptions where exception.matches(tokens, at: index) {
                // Keep a neutral gap so words on either side do not become adjacent.
                kept.append("_")
                index += exception.words.count
                continue outer
            }
            kept.append(tokens[index])
            index += 1
        }
        return kept
    }

    private static func fires(_ rule: SafetyRule, on tokens: [String]) -> Bool {
        switch rule.pattern {
        case .anyPhrase(let phrases):
            return tokens.indices.contains { start in phrases.contains { $0.matches(tokens, at: start) } }
        case .sequence(let sequence):
            for start in tokens.indices {
                for marker in sequence.when where marker.matches(tokens, at: start) {
                    let afterMarker = start + marker.words.count
                    var gap = 0
                    while gap <= sequence.maxGap, afterMarker + gap < tokens.count {
                        let position = afterMarker + gap
                        if sequence.then.contains(where: { $0.matches(tokens, at: position) }) { return true }
                        if sequence.blockers.contains(tokens[position]) { break }
                        gap += 1
                    }
                }
            }
            return false
        }
    }
}
