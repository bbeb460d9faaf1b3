/// The texts of snippet notices: to the moderators when snippets wait, and to an author when theirs was moderated.
/// Titles and reasons are people's words: quoted as typed, never as markup.
public enum SnippetNoticeText {
    /// A shared snippet `id` waits for moderation.
    public static func submitted(id: String) -> String {
        "New good-practice snippet \(id) is waiting for moderation. Reply \"pending snippets\" to me in a "
            + "direct message, or run 'prevent-assist snippets list' on the host."
    }

    /// `count` snippets imported from `institution` wait for moderation.
    public static func imported(count: Int, from institution: String) -> String {
        "\(count) good-practice snippets imported from \(institution) are waiting for moderation."
    }

    /// The author's snippet `id` titled `title` was approved.
    public static func approved(id: String, title: String) -> String {
        "Your good-practice snippet \(id) \"\(MarkdownLiteral.escaped(title))\" was approved: colleagues can now find "
            + "it. Thank you."
    }

    /// The author's snippet `id` titled `title` was not approved, for `reason` (if one was given).
    public static func rejected(id: String, title: String, reason: String?) -> String {
        "Your good-practice snippet \(id) \"\(MarkdownLiteral.escaped(title))\" was not approved"
            + (reason.map { $0.isEmpty ? "." : ": \(MarkdownLiteral.escaped($0))" } ?? ".")
            + " You are welcome to share it again in a different form."
    }

    /// For a moderator starting a chat: `count` snippets wait for moderation.
    public static func waiting(count: Int) -> String {
        "\(count) good-practice snippet\(count == 1 ? " is" : "s are") waiting for moderation: reply \"pending snippets\"."
    }
}
