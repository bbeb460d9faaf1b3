/// Renders ``TelegramStyledText`` as Telegram's `parse_mode: HTML`: only `<b>`, `<i>`, `<code>` and `<a href>`, every
/// `<`, `>` and `&` in the text escaped, and every tag closed within the run that opened it. Code is never nested in
/// another entity (Telegram forbids it), so a code run inside a link is shown as the link.
enum TelegramHTML {
    static func render(_ text: TelegramStyledText) -> String {
        var html = ""
        for run in text.runs {
            var piece = HTMLText.escape(run.text)
            let style = run.style
            if style.code && style.link == nil {
                html += "<code>\(piece)</code>"
                continue
            }
            if style.italic { piece = "<i>\(piece)</i>" }
            if style.bold { piece = "<b>\(piece)</b>" }
            if let link = style.link { piece = "<a href=\"\(HTMLText.escape(link, quotes: true))\">\(piece)</a>" }
            html += piece
        }
        return html
    }

    /// The Markdown reply as Telegram HTML parts, each at most `limit` visible characters.
    static func parts(_ markdown: String, limit: Int = TelegramSplitter.messageLimit) -> [String] {
        TelegramSplitter.split(TelegramMarkdown.parse(markdown), limit: limit).map(render)
    }
}
