import ChatModel

/// The assistant's Markdown for Teams (`textFormat: markdown`): `&`, `<` and `>` escaped as HTML entities, which
/// Teams renders as the characters, and backslash-escaped characters (``MarkdownLiteral``) as numeric character
/// references, so quoted text never becomes emphasis or a link; quick replies as an Adaptive Card of `Action.Submit`
/// buttons whose data carries the suggestion's payload. Pure.
enum TeamsText {
    static func markdown(_ text: String) -> String {
        let escaped = MarkdownLiteral.protect(text).replacing("&", with: "&amp;").replacing("<", with: "&lt;")
            .replacing(">", with: "&gt;")
        return MarkdownLiteral.restore(escaped) { character in
            guard "*_`[]#".contains(character), let scalar = character.unicodeScalars.first else {
                return String(character)
            }
            return "&#\(scalar.value);"
        }
    }

    static func card(_ suggestions: [Reply.Suggestion]) -> TeamsRequests.Attachment {
        let actions = suggestions.map { suggestion in
            TeamsRequests.AdaptiveCard.SubmitAction(
                title: suggestion.title,
                data: .init(choice: suggestion.payload.rawValue)
            )
        }
        return TeamsRequests.Attachment(content: .init(body: [], actions: actions))
    }
}
