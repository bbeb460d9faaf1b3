import AssistantCore
import Yams

/// Reads one `knowledge/<id>.md` file: YAML front matter between `---` lines, then the Markdown body.
struct ArticleParser {
    static let keys: Set<String> = [
        "id", "title", "audience", "jurisdiction", "sources", "last_reviewed", "review_due", "checks",
    ]
    static let sourceKeys: Set<String> = ["title", "url", "date", "publisher", "secondary"]

    /// The article alone.
    func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> Located<Article> {
        try parseWithReview(text, file: file).article
    }

    /// The article and what its front matter says for review (answer checks, publishers of its sources).
    func parseWithReview(
        _ text: String,
        file: String
    ) throws(KnowledgeLoadError) -> (article: Located<Article>, review: ArticleReview) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.first, first.hasSuffix("\r") {
            lines = lines.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        }
        guard lines.first?.trimmingCharactersInSet() == "---" else {
            throw KnowledgeLoadError(
                "an article must start with YAML front matter: a line '---', the fields, and another '---'",
                at: SourceLocation(file: file, line: 1)
            )
        }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharactersInSet() == "---" }) else {
            throw KnowledgeLoadError(
                "the front matter is not closed: add a line '---' after the fields",
                at: SourceLocation(file: file, line: 1)
            )
        }
        let frontMatter = lines[1..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        let document = try YAMLDocument(text: frontMatter, file: file, lineOffset: 1)
        let reader = try MappingReader(document.root, in: document, what: "the front matter")
        try reader.rejectUnknownKeys(allowed: Self.keys, what: "the front matter")
        let id = try reader.string("id")
        let citations = try citations(reader, in: document)
        let article = Article(
            id: id,
            title: try reader.string("title"),
            audience: try reader.stringList("audience"),
            jurisdiction: try reader.stringList("jurisdiction"),
            sources: citations.map(\.source),
            lastReviewed: try reader.date("last_reviewed"),
            reviewDue: try reader.date("review_due"),
            body: body
        )
        if body.allSatisfy(\.isWhitespace) {
            throw KnowledgeLoadError("article '\(id)' has no body text", at: SourceLocation(file: file, line: end + 2))
        }
        let review = ArticleReview(
            articleID: id,
            checks: try checks(reader, in: document),
            citations: citations.map(\.citation)
        )
        return (Located(article, at: SourceLocation(file: file, line: 1)), review)
    }

    private func citations(
        _ reader: MappingReader,
        in document: YAMLDocument
    ) throws(KnowledgeLoadError) -> [(source: Article.Source, citation: ArticleReview.Citation)] {
        guard let node = reader.value("sources"), !MappingReader.isNull(node) else { return [] }
        guard let items = node.sequence else { throw document.fail("'sources' must be a list", at: node) }
        var sources: [(source: Article.Source, citation: ArticleReview.Citation)] = []
        for item in items {
            let source = try MappingReader(item, in: document, what: "a source")
            try source.rejectUnknownKeys(allowed: Self.sourceKeys, what: "a source")
            let url = try source.string("url")
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                throw document.fail("source url must start with https:// or http://, not '\(url)'", at: item)
            }
            let title = try source.string("title")
            let secondary: Bool
            switch try source.optionalString("secondary") {
            case nil, "false": secondary = false
            case "true": secondary = true
            case let other?: throw document.fail("'secondary' is true or false, not '\(other)'", at: item)
            }
            sources.append(
                (
                    Article.Source(title: title, url: url, date: try source.date("date")),
                    ArticleReview.Citation(
                        title: title,
                        url: url,
                        publisher: try source.optionalString("publisher"),
                        secondary: secondary
                    )
                )
            )
        }
        return sources
    }

    /// `checks:` a list of `{ask: question, expect: [words]}`.
    private func checks(
        _ reader: MappingReader,
        in document: YAMLDocument
    ) throws(KnowledgeLoadError) -> [ArticleReview.AnswerCheck] {
        guard let node = reader.value("checks"), !MappingReader.isNull(node) else { return [] }
        guard let items = node.sequence else { throw document.fail("'checks' must be a list", at: node) }
        var checks: [ArticleReview.AnswerCheck] = []
        for item in items {
            let check = try MappingReader(item, in: document, what: "an answer check")
            try check.rejectUnknownKeys(allowed: ["ask", "expect"], what: "an answer check")
            let expected = try check.stringList("expect")
            guard !expected.isEmpty else {
                throw document.fail("an answer check needs at least one word under 'expect'", at: item)
            }
            checks.append(.init(question: try check.string("ask"), expected: expected))
        }
        return checks
    }
}

extension Substring {
    fileprivate func trimmingCharactersInSet() -> Substring {
        var text = self
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        return text
    }
}
