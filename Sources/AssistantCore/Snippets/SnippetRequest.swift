/// Something about good-practice snippets the runtime must look up or change, returned by the assistant as an
/// ``Effect/snippetRequest(_:)``: the runtime checks who is asking, reads or writes the store, and replies.
public enum SnippetRequest: Sendable, Hashable {
    /// Search approved snippets (and, for moderators, nothing more: search never shows pending ones).
    case search(query: String, tag: SnippetTag?, requester: String)
    /// The whole of one snippet ("more").
    case show(id: String, requester: String)
    /// "Was this useful?": one vote per person per snippet; the last one counts.
    case feedback(id: String, useful: Bool, requester: String)
    /// A moderator lists the snippets waiting for moderation.
    case listPending(requester: String)
    /// A moderator approves a snippet.
    case approve(id: String, requester: String)
    /// A moderator rejects a snippet, with a reason the author is told.
    case reject(id: String, reason: String, requester: String)

    public var requester: String {
        switch self {
        case .search(_, _, let requester), .show(_, let requester), .feedback(_, _, let requester),
            .listPending(let requester), .approve(_, let requester), .reject(_, _, let requester):
            requester
        }
    }
}
