/// One thing wrong with the knowledge content, with where it is and what to do about it.
public struct KnowledgeProblem: Sendable, Hashable, CustomStringConvertible {
    /// Which check found the problem.
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        case malformedFile = "malformed-file"
        case duplicateID = "duplicate-id"
        case invalidID = "invalid-id"
        case missingArticle = "missing-article"
        case unreachableArticle = "unreachable-article"
        case tooFewExamples = "too-few-examples"
        case duplicateExample = "duplicate-example"
        case missingSources = "missing-sources"
        case reviewOverdue = "review-overdue"
        case unknownPlaceholder = "unknown-placeholder"
        case brokenFollowUp = "broken-follow-up"
        case unknownVocabulary = "unknown-vocabulary"
        case missingSafetyRules = "missing-safety-rules"
        case missingForm = "missing-form"
        case brokenCondition = "broken-condition"
        case invalidSnippet = "invalid-snippet"
        /// A source names no publisher, an unknown one, or sits on a host that is not its publisher's; or an
        /// article cites no primary source.
        case citation = "citation"
        /// An article's answer check failed: its question reached another answer, or the short answer lacks a word.
        case answerCheck = "answer-check"
    }

    public let rule: Rule
    public let location: SourceLocation?
    public let message: String

    public init(_ rule: Rule, at location: SourceLocation?, _ message: String) {
        self.rule = rule
        self.location = location
        self.message = message
    }

    public var description: String {
        "\(location.map { "\($0): " } ?? "")[\(rule.rawValue)] \(message)"
    }
}
