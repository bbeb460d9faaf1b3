extension SnippetDeskAnswer {
    /// The answer as the person who asked reads it. Titles and origins are people's words: quoted, never markup.
    public var reply: Reply {
        switch self {
        case .results(let records, let query, let tag):
            Reply(kind: .answer, text: SnippetCards.results(records, query: query, tag: tag))
        case .detail(let record):
            Reply(kind: .answer, text: SnippetCards.detail(record))
        default:
            Reply(kind: .notice, text: noticeText)
        }
    }

    private var noticeText: String {
        switch self {
        case .noResults:
            "I found no good-practice snippets on that yet. Try other words, or a theme "
                + "(\"snippets tag training\"). Ask me for \"case studies\" for published examples, or "
                + "say \"share good practice\" to add what works for you."
        case .notFound(let id): "I can't find a good-practice snippet \(id) that you can see."
        case .cannotRate(let id): "I can't find a good-practice snippet \(id) to rate."
        case .rated(useful: true): "Thanks — I'll show it a little higher to colleagues searching for this."
        case .rated(useful: false):
            "Thanks — I'll take that into account. Try other words, or \"more 2\" for the next card."
        case .pending(let pending) where pending.isEmpty: "No snippets are waiting for moderation."
        case .pending(let pending):
            "Snippets waiting for moderation:"
                + pending.map { snippet in
                    let origin = snippet.importedFrom.map { "imported from \($0)" } ?? "from \(snippet.author)"
                    return "\n- \(snippet.id) \"\(MarkdownLiteral.escaped(snippet.title))\" "
                        + "(\(MarkdownLiteral.escaped(origin)))"
                }.joined()
                + "\n\nReply **show GP-…** to read one, **approve GP-…**, or **reject GP-… because …**."
        case .approved(let id): "Approved \(id): it is now searchable, and the author has been told."
        case .rejected(let id): "Rejected \(id); the author has been told why."
        case .reasonNeeded(let id): "Please give a reason the author will see: **reject \(id) because …**."
        case .notModerator: "Sorry — only the configured snippet moderators can do that."
        case .moderateInDirectMessage: "Please moderate snippets in a direct message with me."
        case .results, .detail: ""
        }
    }
}
