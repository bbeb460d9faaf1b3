import ChatModel

/// Renders the assistant's Markdown subset as Zulip Markdown, with literal text shown exactly as typed.
///
/// Zulip's renderer has no backslash escapes (its `escape` inline pattern is disabled), but it passes HTML character
/// references through (`entity` pattern). So every character that could start Zulip markup in literal text — bold,
/// code, strikethrough, LaTeX `$$`, links, mentions `@**…**`, channel links `#**…**`, `<time:…>`, tables, quotes,
/// headings, emoji `:name:`, the `@` of a mention — is written as a hexadecimal character reference (`&#x2A;` for `*`). Hexadecimal, so a
/// realm linkifier such as `#123` never matches inside one.
enum ZulipMarkdown {
    /// Zulip Markdown for `markdown`.
    static func render(_ markdown: String) -> String {
        MarkdownDialect.render(markdown, escape: escape(_:atLineStart:)) { title, url in
            // Zulip shows a link's title verbatim (no inline markup runs on it): only brackets would break it.
            "[\(title.replacing("[", with: "(").replacing("]", with: ")"))](\(url))"
        }
    }

    /// Characters written as references wherever they appear.
    static let alwaysEscaped: Set<Character> = ["&", "<", ">", "*", "`", "~", "$", "[", "]", "|", "#"]

    /// `text` with markup characters as character references.
    static func escape(_ text: String, atLineStart: Bool) -> String {
        let characters = Array(text)
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var lineStart = atLineStart
        for index in characters.indices {
            let character = characters[index]
            let escaped =
                alwaysEscaped.contains(character)
                || (character == ":" && startsEmojiName(characters, after: index))
                // `@**name**` mentions (and silent `@_**name**`), even when the bold markers are the assistant's.
                || (character == "@" && (index + 1 == characters.count || "*_".contains(characters[index + 1])))
                || (lineStart && character == "+" && index + 1 < characters.count && characters[index + 1] == " ")
            if escaped, let scalar = character.unicodeScalars.first {
                output += "&#x" + String(scalar.value, radix: 16, uppercase: true) + ";"
            } else {
                output.append(character)
            }
            lineStart = character == "\n" || (lineStart && character == " ")
        }
        return output
    }

    /// Whether `:` at `index` opens an emoji code `:name:`.
    private static func startsEmojiName(_ characters: [Character], after index: Int) -> Bool {
        var next = index + 1
        while next < characters.count,
            characters[next].isLetter || characters[next].isNumber
                || "_+-".contains(characters[next])
        {
            next += 1
        }
        return next > index + 1 && next < characters.count && characters[next] == ":"
    }
}
