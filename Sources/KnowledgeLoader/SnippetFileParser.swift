import AssistantCore
import Yams

/// Reads one shipped good-practice snippet, `knowledge/snippets/<id>.md`: YAML front matter (id, title, tags,
/// institution, source) between `---` lines, then what was done, then `## Why it works` and why.
struct SnippetFileParser {
    static let keys: Set<String> = ["id", "title", "tags", "institution", "source"]
    static let whyHeading = "## Why it works"

    func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> Located<SnippetRecord> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        guard lines.first.map({ $0.trimmingCharactersInSet() == "---" }) == true,
            let end = lines.dropFirst().firstIndex(where: { $0.trimmingCharactersInSet() == "---" })
        else {
            throw KnowledgeLoadError(
                "a snippet must start with YAML front matter between two '---' lines",
                at: SourceLocation(file: file, line: 1)
            )
        }
        let document = try YAMLDocument(text: lines[1..<end].joined(separator: "\n"), file: file, lineOffset: 1)
        let reader = try MappingReader(document.root, in: document, what: "the front matter")
        try reader.rejectUnknownKeys(allowed: Self.keys, what: "the front matter")
        let id = try reader.string("id")
        var tags: [SnippetTag] = []
        for name in try reader.stringList("tags") {
            guard let tag = SnippetTag(rawValue: name) else {
                let known = SnippetTag.allCases.map(\.rawValue).joined(separator: ", ")
                throw document.fail("snippet '\(id)': unknown tag '\(name)' (one of: \(known))", at: document.root)
            }
            tags.append(tag)
        }
        guard let sourceNode = reader.value("source") else {
            throw document.fail("snippet '\(id)' needs a 'source' (title, url, date)", at: document.root)
        }
        let source = try MappingReader(sourceNode, in: document, what: "'source'")
        try source.rejectUnknownKeys(allowed: ["title", "url", "date"], what: "'source'")
        let url = try source.string("url")
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw document.fail("source url must start with https:// or http://, not '\(url)'", at: sourceNode)
        }
        let date = try source.date("date")
        let body = lines[(end + 1)...].map(String.init)
        guard let heading = body.firstIndex(where: { $0.trimmingCharactersInSet() == Self.whyHeading }) else {
            throw KnowledgeLoadError(
                "snippet '\(id)' needs a '\(Self.whyHeading)' section after what was done",
                at: SourceLocation(file: file, line: end + 2)
            )
        }
        let what = Self.paragraph(body[..<heading])
        let why = Self.paragraph(body[(heading + 1)...])
        guard !what.isEmpty, !why.isEmpty else {
            throw KnowledgeLoadError(
                "snippet '\(id)' needs text both before and after '\(Self.whyHeading)'",
                at: SourceLocation(file: file, line: end + 2)
            )
        }
        let snippet = Snippet(
            title: try reader.string("title"),
            whatWasDone: what,
            whyItWorked: why,
            tags: tags,
            visibility: .shared,
            institution: try reader.optionalString("institution"),
            source: Snippet.Source(title: try source.string("title"), url: url, date: date.description)
        )
        return Located(
            SnippetRecord(id: id, snippet: snippet, status: .approved, isSeed: true),
            at: SourceLocation(file: file, line: 1)
        )
    }

    /// The lines joined into one paragraph.
    private static func paragraph(_ lines: ArraySlice<String>) -> String {
        lines.map { String($0.trimmingCharactersInSet()) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}

extension StringProtocol {
    fileprivate func trimmingCharactersInSet() -> Substring {
        var text = self[...]
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        return Substring(text)
    }
}
