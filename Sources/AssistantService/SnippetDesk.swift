public import AssistantCore
import Foundation
public import Storage

/// Answers snippet requests in chat: search and "more" over shipped and approved snippets for everyone; pending
/// snippets only for moderators and their author, and only in a direct conversation; moderation only for the
/// configured moderators in a direct conversation. Never logs snippet text.
public struct SnippetDesk: Sendable {
    public let store: SnippetStore
    public let seeds: [SnippetRecord]
    public let settings: SnippetSettings
    /// Meaning for ranking (the shipped word-piece vectors); `nil` ranks by words alone.
    public let embedder: (any TextEmbedder)?
    private let cache = SnippetIndexCache()

    /// How many cards a search shows.
    public static let cardCount = 5
    public init(
        database: AppDatabase,
        seeds: [SnippetRecord],
        settings: SnippetSettings,
        embedder: (any TextEmbedder)? = TokenVectorEmbedder.shipped
    ) {
        self.store = SnippetStore(database: database)
        self.seeds = seeds
        self.settings = settings
        self.embedder = embedder
    }

    /// What answering a request produced: the reply, and the ids shown as numbered cards (for a search).
    public struct Answer: Sendable {
        public let reply: Reply
        public let cards: [String]?
    }

    /// The reply to `request`, asked in a direct conversation or not.
    public func answer(_ request: SnippetRequest, isDirect: Bool, at time: Int64) throws(StorageError) -> Answer {
        let requester = request.requester
        switch request {
        case .search(let query, let tag, _):
            let records = try search(query, tag: tag, limit: Self.cardCount)
            guard !records.isEmpty else {
                return Answer(
                    reply: Reply(
                        kind: .notice,
                        text: "I found no good-practice snippets on that yet. Try other words, or a theme "
                            + "(\"snippets tag training\"). Ask me for \"case studies\" for published examples, or "
                            + "say \"share good practice\" to add what works for you."
                    ),
                    cards: []
                )
            }
            return Answer(
                reply: Reply(kind: .answer, text: SnippetCards.results(records, query: query, tag: tag)),
                cards: records.map(\.id)
            )
        case .show(let id, _):
            guard let record = try visibleRecord(id, to: requester, isDirect: isDirect) else {
                return notice("I can't find a good-practice snippet \(id) that you can see.")
            }
            return Answer(reply: Reply(kind: .answer, text: SnippetCards.detail(record)), cards: nil)
        case .feedback(let id, let useful, _):
            guard try visibleRecord(id, to: requester, isDirect: isDirect)?.status == .approved else {
                return notice("I can't find a good-practice snippet \(id) to rate.")
            }
            try store.recordFeedback(id, useful: useful, rater: requester, at: time)
            return notice(
                useful
                    ? "Thanks — I'll show it a little higher to colleagues searching for this."
                    : "Thanks — I'll take that into account. Try other words, or \"more 2\" for the next card."
            )
        case .listPending:
            if let refusal = moderationRefusal(requester, isDirect: isDirect) { return refusal }
            let pending = try store.list(status: .pending)
            guard !pending.isEmpty else { return notice("No snippets are waiting for moderation.") }
            var text = "Snippets waiting for moderation:"
            for stored in pending {
                let origin = stored.originInstitution.map { "imported from \($0)" } ?? "from \(stored.author)"
                text += "\n- \(stored.id) \"\(MarkdownLiteral.escaped(stored.record.snippet.title))\" "
                text += "(\(MarkdownLiteral.escaped(origin)))"
            }
            text += "\n\nReply **show GP-…** to read one, **approve GP-…**, or **reject GP-… because …**."
            return notice(text)
        case .approve(let id, _):
            if let refusal = moderationRefusal(requester, isDirect: isDirect) { return refusal }
            try store.approve(id, actor: requester, at: time)
            return notice("Approved \(id): it is now searchable, and the author has been told.")
        case .reject(let id, let reason, _):
            if let refusal = moderationRefusal(requester, isDirect: isDirect) { return refusal }
            guard !reason.isEmpty else {
                return notice("Please give a reason the author will see: **reject \(id) because …**.")
            }
            try store.reject(id, reason: reason, actor: requester, at: time)
            return notice("Rejected \(id); the author has been told why.")
        }
    }

    /// The approved and shipped snippets best matching `query` (and `tag`), best first.
    public func search(_ query: String, tag: SnippetTag?, limit: Int) throws(StorageError) -> [SnippetRecord] {
        let versions = try store.versions()
        let entry = try cache.index(version: versions.content) { () throws(StorageError) in
            let approved = try store.list(status: .approved).map(\.record)
            let records = seeds + approved
            return SnippetIndexCache.Entry(
                version: versions.content,
                index: SnippetSearchIndex(records, embedder: embedder),
                records: Dictionary(records.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            )
        }
        let feedback = try cache.feedback(version: versions.feedback) { () throws(StorageError) in
            try store.feedback()
        }
        return entry.index.search(query, tag: tag, limit: limit, feedback: feedback).compactMap { entry.records[$0.id] }
    }

    /// The snippet `id` if `requester` may see it here: approved and shipped ones always; pending and rejected
    /// ones only for moderators and the author, in a direct conversation.
    func visibleRecord(_ id: String, to requester: String, isDirect: Bool) throws(StorageError) -> SnippetRecord? {
        if let seed = seeds.first(where: { $0.id == id }) { return seed }
        guard let stored = try store.snippet(id) else { return nil }
        if stored.status == .approved { return stored.record }
        guard isDirect, settings.isModerator(requester) || stored.author == requester else { return nil }
        return stored.record
    }

    private func moderationRefusal(_ requester: String, isDirect: Bool) -> Answer? {
        guard settings.isModerator(requester) else {
            return notice("Sorry — only the configured snippet moderators can do that.")
        }
        guard isDirect else { return notice("Please moderate snippets in a direct message with me.") }
        return nil
    }

    private func notice(_ text: String) -> Answer { Answer(reply: Reply(kind: .notice, text: text), cards: nil) }
}
