import ChatModel

/// Renders the assistant's Markdown subset as Mattermost Markdown, with literal text shown exactly as typed.
///
/// Mattermost's renderers (the web app's marked, the mobile app's CommonMark) both honour backslash escapes for
/// `` \ ` * _ { } [ ] ( ) # + - . ! > ~ | ``, so literal text escapes the ones that can start markup there: emphasis,
/// code, strikethrough, links, tables, quotes, headings, and list markers a person typed at the start of a line.
enum MattermostMarkdown {
    /// Mattermost Markdown for `markdown`.
    static func render(_ markdown: String) -> String {
        MarkdownDialect.render(markdown, escape: escape(_:atLineStart:)) { title, url in
            "[\(escape(title, atLineStart: false))](\(url))"
        }
    }

    /// Characters escaped wherever they appear.
    static let alwaysEscaped: Set<Character> = ["\\", "`", "*", "_", "~", "[", "]", "|", "#", ">"]

    /// `text` with markup characters backslash-escaped.
    static func escape(_ text: String, atLineStart: Bool) -> String {
        let characters = Array(text)
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var lineStart = atLineStart
        var digitsAtLineStart = false
        for index in characters.indices {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            // `+ ` would start a list and `--` a rule; the assistant's own `- ` lists stay lists.
            let listMarker = lineStart && ((character == "+" && next == " ") || (character == "-" && next == "-"))
            let numberedItem = digitsAtLineStart && (character == "." || character == ")") && next == " "
            if alwaysEscaped.contains(character) || listMarker || numberedItem {
                output += "\\"
            }
            output.append(character)
            digitsAtLineStart = (lineStart || digitsAtLineStart) && character.isASCII && character.isNumber
            lineStart = character == "\n" || (lineStart && character == " ")
        }
        return output
    }
}
