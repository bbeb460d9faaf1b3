import ChatModel

/// Turns the assistant's Markdown subset (``AssistantMarkdown``: bold, links, line breaks, escapes) into Matrix's
/// plain `body` and HTML `formatted_body`. Literal text is HTML-escaped piece by piece, so whatever a person typed
/// (quoted back in a summary) can never inject HTML.
enum MatrixHTML {
    /// The plain-text body: bold markers removed, links as "title (url)".
    static func plain(_ markdown: String) -> String {
        var text = ""
        for piece in AssistantMarkdown.pieces(markdown) {
            switch piece {
            case .text(let literal): text += literal
            case .strong: break
            case .link(let title, let url): text += "\(title) (\(url))"
            }
        }
        return text
    }

    /// The HTML body.
    static func html(_ markdown: String) -> String {
        var html = ""
        var bold = false
        for piece in AssistantMarkdown.pieces(markdown) {
            switch piece {
            case .text(let literal):
                html += HTMLText.escape(literal, quotes: true)
            case .strong:
                html += bold ? "</strong>" : "<strong>"
                bold.toggle()
            case .link(let title, let url):
                html += "<a href=\"\(HTMLText.escape(url, quotes: true))\">\(HTMLText.escape(title, quotes: true))</a>"
            }
        }
        return html.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>")
    }
}
