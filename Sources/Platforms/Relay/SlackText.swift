import ChatModel
import Foundation

/// The assistant's Markdown as Slack `mrkdwn`: `&`, `<` and `>` escaped (Slack's only entities), `**bold**` as
/// `*bold*`, `[text](url)` as `<url|text>`; backslash-escaped characters (``MarkdownLiteral``) stay plain text, which
/// cannot make a link or a mention here (those need `<`). mrkdwn has no escape for `*`, `_` or `~`, so a person's own
/// `*word*` quoted back shows bold on Slack; their `**word**` and `[text](url)` show as typed. Pure.
enum SlackText {
    static func mrkdwn(_ markdown: String) -> String {
        var text = MarkdownLiteral.protect(markdown).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(
            of: "<",
            with: "&lt;"
        )
        .replacingOccurrences(of: ">", with: "&gt;")
        text = text.replacingOccurrences(of: #"\*\*(.+?)\*\*"#, with: "*$1*", options: .regularExpression)
        text = text.replacingOccurrences(
            of: #"\[([^\]]+)\]\((https?://[^)\s]+)\)"#,
            with: "<$2|$1>",
            options: .regularExpression
        )
        return MarkdownLiteral.restore(text)
    }

    /// Slack recommends at most 4000 characters per message; a section block takes 3000.
    static let limit = 3000
}
