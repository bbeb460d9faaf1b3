public import AssistantCore

/// Runs the articles' answer checks through the real assistant (safety screen, then the trained matcher): each
/// check's question must reach its article, and the short answer must contain every expected word.
public struct AnswerCheckRunner: Sendable {
    /// Fewer checks than this on an article is a problem.
    public static let minimumChecks = 2

    public let assistant: Assistant

    public init(assistant: Assistant) {
        self.assistant = assistant
    }

    /// The outcome: every failed check or missing check as a problem, and how many checks passed.
    public struct Result: Sendable {
        public let problems: [KnowledgeProblem]
        public let passed: Int
        public let total: Int
    }

    public func run(_ reviews: [Located<ArticleReview>]) -> Result {
        var problems: [KnowledgeProblem] = []
        var passed = 0
        var total = 0
        for located in reviews {
            let review = located.value
            func problem(_ message: String) {
                problems.append(.init(.answerCheck, at: located.location, "article '\(review.articleID)': \(message)"))
            }
            if review.checks.count < Self.minimumChecks {
                problem("has \(review.checks.count) answer checks; at least \(Self.minimumChecks) needed")
            }
            for check in review.checks {
                total += 1
                let outcome = assistant.handle(Self.message(check.question), state: .initial)
                let reached = outcome.trace.article ?? outcome.trace.intent
                guard reached == review.articleID else {
                    problem("\"\(check.question)\" reached '\(reached)', not this article")
                    continue
                }
                var reply = outcome.replies.map(\.text).joined(separator: "\n")
                // An intent whose answer is built outside the core (a snippet search) replies with nothing here:
                // check the article's own short answer instead.
                if reply.allSatisfy(\.isWhitespace), let article = assistant.knowledge.article(review.articleID) {
                    reply = assistant.composer.render(article: article, detail: .short)
                }
                let answer = Self.folded(reply)
                let missing = check.expected.filter { !Self.contains(answer, phrase: Self.folded($0)) }
                if missing.isEmpty {
                    passed += 1
                } else {
                    let words = missing.map { "\"\($0)\"" }.joined(separator: ", ")
                    problem("the short answer to \"\(check.question)\" lacks \(words)")
                }
            }
        }
        return Result(problems: problems, passed: passed, total: total)
    }

    static func message(_ text: String) -> InboundMessage {
        InboundMessage(
            platform: "kb-check",
            conversationID: "kb-check",
            isDirect: true,
            senderID: "kb-check",
            text: text,
            messageID: "kb-check",
            timestamp: 0
        )
    }

    /// Whether `phrase` occurs in `text` as whole words: "No" matches "No —" but not "not" or "know".
    static func contains(_ text: String, phrase: String) -> Bool {
        guard !phrase.isEmpty else { return true }
        var rest = text[...]
        while let range = rest.firstRange(of: phrase) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            rest = text[text.index(after: range.lowerBound)...]
        }
        return false
    }

    /// Lower case, curly apostrophes straightened, so "don't" matches "don’t".
    static func folded(_ text: String) -> String {
        String(text.lowercased().map { $0 == "\u{2019}" ? "'" : $0 })
    }
}
