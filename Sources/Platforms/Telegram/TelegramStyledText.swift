/// Text as a person will see it in Telegram: runs of characters, each with one style. The Markdown parser produces it,
/// the splitter cuts it on visible characters, and the HTML renderer turns each part into `parse_mode: HTML` markup,
/// so a cut can never fall inside a tag or an entity.
struct TelegramStyledText: Hashable, Sendable {
    /// How a run is shown. Telegram HTML has only a few entities; these are the ones the assistant's Markdown uses.
    struct Style: Hashable, Sendable {
        var bold = false
        var italic = false
        var code = false
        /// The target of an inline link (`http`/`https` only).
        var link: String?
    }

    /// Characters sharing one style.
    struct Run: Hashable, Sendable {
        var text: String
        var style: Style
    }

    private(set) var runs: [Run] = []

    init(runs: [Run] = []) {
        for run in runs { append(run.text, run.style) }
    }

    /// Appends text, merging it into the last run when the style is the same.
    mutating func append(_ text: some StringProtocol, _ style: Style = Style()) {
        guard !text.isEmpty else { return }
        if let last = runs.indices.last, runs[last].style == style {
            runs[last].text += text
        } else {
            runs.append(Run(text: String(text), style: style))
        }
    }

    /// The visible text, without markup.
    var plain: String { runs.map(\.text).joined() }

    /// The visible length as Telegram counts it (UTF-16 code units after entity parsing).
    var visibleLength: Int { runs.reduce(0) { $0 + $1.text.utf16.count } }
}
