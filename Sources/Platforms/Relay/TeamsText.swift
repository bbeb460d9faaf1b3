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

    static func card(_ suggestions: [Reply.Suggestion]) -> [String: Any] {
        let actions: [[String: Any]] = suggestions.map { suggestion in
            ["type": "Action.Submit", "title": suggestion.title, "data": ["choice": suggestion.payload.rawValue]]
        }
        return [
            "contentType": "application/vnd.microsoft.card.adaptive",
            "content": [
                "type": "AdaptiveCard", "version": "1.4",
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "body": [] as [Any], "actions": actions,
            ] as [String: Any],
        ]
    }
}
