public import AssistantCore
import Foundation
public import Storage

/// Answers snippet requests in chat: search and "more" over shipped and approved snippets for everyone; pending
/// snippets only for moderators and their author, and only in a direct conversation; moderation only for the
/// configured moderators in a direct conversation. Never logs snippet text. It returns data (``SnippetDeskAnswer``);
/// the core renders it.
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

    /// The reply to `request`, asked in a direct conversation or not: ``lookup(_:isDirect:at:)`` as the core renders
    /// it, with the cards it shows.
    public func answer(_ request: SnippetRequest, isDirect: Bool, at time: Int64) throws(StorageError) -> Answer {
        let found = try lookup(request, isDirect: isDirect, at: time)
        return Answer(reply: found.reply, cards: found.cards)
    }

    /// What `request` finds or does, asked in a direct conversation or not.
    public func lookup(
        _ request: SnippetRequest,
        isDirect: Bool,
        at time: Int64
    ) throws(StorageError) -> SnippetDeskAnswer {
        let requester = request.requester
        switch request {
        case .search(let query, let tag, _):
            let records = try search(query, tag: tag, limit: Self.cardCount)
            return records.isEmpty ? .noResults : .results(records, query: query, tag: tag)
        case .show(let id, _):
            guard let record = try visibleRecord(id, to: requester, isDirect: isDirect) else { return .notFound(id) }
            return .detail(record)
        case .feedback(let id, let useful, _):
            guard try visibleRecord(id, to: requester, isDirect: isDirect)?.status == .approved else {
                return .cannotRate(id)
            }
            try store.recordFeedback(id, useful: useful, rater: requester, at: time)
            return .rated(useful: useful)
        case .listPending:
            if let refusal = moderationRefusal(requester, isDirect: isDirect) { return refusal }
            return .pending(
                try store.list(status: .pending).map {
                    (id: $0.id, title: $0.record.snippet.title, importedFrom: $0.originInstitution, author: $0.author)
                }
            )
        case .approve(let id, _):
            if let refusal = moderationRefusal(requester, isDirect: isDirect) { return refusal }
            try store.approve(id, actor: requester, at: time)
            return .approved(id)
        case .reject(let id, let reason, _):
            if let refusal = moderationRefusal(requester, isDirect: isDirect) { return refusal }
            guard !reason.isEmpty else { return .reasonNeeded(id) }
            try store.reject(id, reason: reason, actor: requester, at: time)
            return .rejected(id)
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

    private func moderationRefusal(_ requester: String, isDirect: Bool) -> SnippetDeskAnswer? {
        guard settings.isModerator(requester) else { return .notModerator }
        guard isDirect else { return .moderateInDirectMessage }
        return nil
    }
}
