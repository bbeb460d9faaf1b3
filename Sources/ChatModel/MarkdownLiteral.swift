/// Text a person wrote, put into a reply's Markdown so that it shows exactly as typed and never becomes markup.
///
/// Replies are Markdown (bold `**…**`, links `[title](url)`, and on some platforms italic, code and headings). A
/// summary or a snippet card quotes what somebody typed; without escaping, `[see this](https://…)` in an answer would
/// arrive as a link with a harmless-looking title. ``escaped(_:)`` puts a backslash before each markup character, and
/// every renderer reads those escapes: ``protect(_:)`` before parsing hides them from the parser, ``restore(_:)``
/// turns them back into the plain characters in the parsed text, which the renderer then escapes for its platform.
public enum MarkdownLiteral {
    /// The characters a backslash makes literal.
    public static let markupCharacters: [Character] = ["\\", "*", "_", "`", "[", "]", "(", ")", "#"]

    /// `text` with a backslash before each markup character.
    public static func escaped(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            if markupCharacters.contains(character) { output.append("\\") }
            output.append(character)
        }
        return output
    }

    /// `markdown` with each backslash escape replaced by a placeholder no parser gives meaning to (a private-use
    /// character), so the escaped character is not read as markup.
    public static func protect(_ markdown: String) -> String {
        guard markdown.contains("\\") else { return markdown }
        var output = ""
        output.reserveCapacity(markdown.utf8.count)
        var escaping = false
        for character in markdown {
            if escaping {
                escaping = false
                if let index = markupCharacters.firstIndex(of: character) {
                    output.unicodeScalars.append(placeholders[index])
                    continue
                }
                output.append("\\")
            }
            if character == "\\" {
                escaping = true
            } else {
                output.append(character)
            }
        }
        if escaping { output.append("\\") }
        return output
    }

    /// Parsed text with each placeholder from ``protect(_:)`` back as the character it stands for, or as what
    /// `writing` makes of that character (a platform's own escape for it).
    public static func restore(_ text: String, writing: (Character) -> String = { String($0) }) -> String {
        guard text.unicodeScalars.contains(where: { placeholders.contains($0) }) else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let index = placeholders.firstIndex(of: scalar) {
                output += writing(markupCharacters[index])
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// Markdown for reading as plain text (a terminal): the escapes resolved, the rest as written.
    public static func unescaped(_ markdown: String) -> String { restore(protect(markdown)) }

    /// One private-use scalar per markup character (U+E000 on).
    static let placeholders: [Unicode.Scalar] = [
        "\u{E000}", "\u{E001}", "\u{E002}", "\u{E003}", "\u{E004}", "\u{E005}", "\u{E006}", "\u{E007}", "\u{E008}",
    ]
}
