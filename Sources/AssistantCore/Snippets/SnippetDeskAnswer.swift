/// What the snippet desk found or did for a request in chat, after its checks: data only, for
/// ``SnippetDeskAnswer/reply`` to render.
public enum SnippetDeskAnswer: Sendable {
    /// A search found nothing.
    case noResults
    /// A search's best matches, shown as numbered cards.
    case results([SnippetRecord], query: String, tag: SnippetTag?)
    /// One snippet in full.
    case detail(SnippetRecord)
    /// No snippet `id` that the requester may see here.
    case notFound(String)
    /// No approved snippet `id` that the requester may rate.
    case cannotRate(String)
    /// A rating was recorded.
    case rated(useful: Bool)
    /// The snippets waiting for moderation (possibly none): id, title, the institution it was imported from (if it
    /// was) and its author.
    case pending([(id: String, title: String, importedFrom: String?, author: String)])
    /// Snippet `id` was approved (and its author told).
    case approved(String)
    /// Snippet `id` was rejected (and its author told why).
    case rejected(String)
    /// A rejection needs a reason the author will see.
    case reasonNeeded(String)
    /// Moderation is for the configured moderators only.
    case notModerator
    /// Moderation happens in a direct conversation only.
    case moderateInDirectMessage

    /// The ids shown as numbered cards ("more 2" refers to them): empty after a search that found nothing, `nil`
    /// when the answer shows no cards (the last cards stay).
    public var cards: [String]? {
        switch self {
        case .noResults: []
        case .results(let records, _, _): records.map(\.id)
        default: nil
        }
    }
}
