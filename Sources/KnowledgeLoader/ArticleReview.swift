/// What an article's front matter says about how to review it, beside the article itself: the answer checks that
/// `kb check` asks through the real matcher, and who published each cited source.
///
/// Kept out of ``Article`` because the assistant never needs it to answer; only `kb check` does.
public struct ArticleReview: Sendable, Hashable {
    /// A question staff ask, the article it must reach, and words its short answer must contain.
    public struct AnswerCheck: Sendable, Hashable {
        public let question: String
        /// Words or phrases, each of which must appear in the short answer (case ignored).
        public let expected: [String]

        public init(question: String, expected: [String]) {
            self.question = question
            self.expected = expected
        }
    }

    /// One entry of `sources:` with the publisher it names.
    public struct Citation: Sendable, Hashable {
        public let title: String
        public let url: String
        /// The id of an entry in `knowledge/publishers.yaml`, or `nil` when the source names none.
        public let publisher: String?
        /// `secondary: true`: a copy, commentary or summary, cited because no primary source says it.
        public let secondary: Bool

        public init(title: String, url: String, publisher: String?, secondary: Bool) {
            self.title = title
            self.url = url
            self.publisher = publisher
            self.secondary = secondary
        }

        /// The URL's host in lower case, without a leading `www.`; `nil` when the URL has none.
        public var host: String? {
            guard let schemeEnd = url.firstRange(of: "://") else { return nil }
            let rest = url[schemeEnd.upperBound...]
            let end = rest.firstIndex(where: { "/?#:".contains($0) }) ?? rest.endIndex
            let host = rest[..<end].lowercased()
            guard !host.isEmpty else { return nil }
            return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        }
    }

    public let articleID: String
    public let checks: [AnswerCheck]
    public let citations: [Citation]

    public init(articleID: String, checks: [AnswerCheck], citations: [Citation]) {
        self.articleID = articleID
        self.checks = checks
        self.citations = citations
    }
}
