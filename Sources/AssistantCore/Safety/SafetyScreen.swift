import TextNormalization

/// Screens every message for immediate danger before any matching happens.
///
/// When a rule fires, the assistant answers with the emergency article first, whatever the matcher would have said.
/// The screen is deliberately simple and auditable: its rules are content, and ``SafetyScreen/assess(_:)`` names the
/// rule that fired.
public struct SafetyScreen: Sendable {
    /// The screen's verdict on one message.
    public struct Finding: Sendable, Hashable {
        public let ruleID: String
    }

    public let rules: SafetyRuleSet
    private let normalizer = TextNormalizer()
    /// Only the start of an enormous message is screened, which bounds the work per message.
    public static let maxScreenedCharacters = 20_000

    public init(rules: SafetyRuleSet) {
        self.rules = rules
    }

    /// The first rule that fires on `text`, or `nil`.
    public func assess(_ text: String) -> Finding? {
        let tokens = removingExceptions(normalizer.tokens(String(text.prefix(Self.maxScreenedCharacters))))
        for rule in rules.rules where Self.fires(rule, on: tokens) {
            return Finding(ruleID: rule.id)
        }
        return nil
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
