import AssistantCore
import Yams

/// Reads one `knowledge/<id>.md` file: YAML front matter between `---` lines, then the Markdown body.
struct ArticleParser {
    static let keys: Set<String> = [
        "id", "title", "audience", "jurisdiction", "sources", "last_reviewed", "review_due",
    ]

    func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> Located<Article> {
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
        let article = Article(
            id: id,
            title: try reader.string("title"),
            audience: try reader.stringList("audience"),
            jurisdiction: try reader.stringList("jurisdiction"),
            sources: try sources(reader, in: document),
            lastReviewed: try reader.date("last_reviewed"),
            reviewDue: try reader.date("review_due"),
            body: body
        )
        if body.allSatisfy(\.isWhitespace) {
            throw KnowledgeLoadError("article '\(id)' has no body text", at: SourceLocation(file: file, line: end + 2))
        }
        return Located(article, at: SourceLocation(file: file, line: 1))
    }

    private func sources(
        _ reader: MappingReader,
        in document: YAMLDocument
    ) throws(KnowledgeLoadError) -> [Article.Source] {
        guard let node = reader.value("sources"), !MappingReader.isNull(node) else { return [] }
        guard let items = node.sequence else { throw document.fail("'sources' must be a list", at: node) }
        var sources: [Article.Source] = []
        for item in items {
            let source = try MappingReader(item, in: document, what: "a source")
            try source.rejectUnknownKeys(allowed: ["title", "url", "date"], what: "a source")
            let url = try source.string("url")
            guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
                throw document.fail("source url must start with https:// or http://, not '\(url)'", at: item)
            }
            sources.append(Article.Source(title: try source.string("title"), url: url, date: try source.date("date")))
        }
        return sources
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
