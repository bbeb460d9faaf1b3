import ChatModel

/// Reads the assistant's Markdown subset into ``TelegramStyledText``: `**bold**`, `_italic_` and `*italic*`,
/// `` `code` ``, `[title](url)` links, `- `/`* ` bullets (shown as "• "), numbered lines (kept as typed) and `#`
/// headings (shown bold). Markup never spans lines. A marker without a partner is kept as typed, so text a person
/// wrote (quoted back in a summary) arrives unchanged; escaping happens later, in ``TelegramHTML``.
enum TelegramMarkdown {
    static func parse(_ markdown: String) -> TelegramStyledText {
        var text = TelegramStyledText()
        // Backslash escapes (``MarkdownLiteral``) are hidden from the parser and come back as plain characters.
        let lines = MarkdownLiteral.protect(markdown).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { text.append("\n") }
            var body = Array(line)
            var base = TelegramStyledText.Style()
            let indent = body.prefix { $0 == " " || $0 == "\t" }.count
            let rest = body[indent...]
            if rest.starts(with: ["-", " "]) || rest.starts(with: ["*", " "]) || rest.starts(with: ["+", " "]) {
                text.append(String(body[..<indent]) + "• ")
                body = Array(rest.dropFirst(2))
            } else if let hashes = heading(rest) {
                base.bold = true
                body = Array(rest.dropFirst(hashes + 1))
            }
            inline(body, base: base, into: &text)
        }
        return TelegramStyledText(
            runs: text.runs.map { TelegramStyledText.Run(text: MarkdownLiteral.restore($0.text), style: $0.style) }
        )
    }

    /// The number of `#`s when the line is a heading (`## Title`).
    private static func heading(_ line: ArraySlice<Character>) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    /// One line's inline markup, in one pass: one branch per marker.
    private static func inline(
        _ chars: [Character],
        base: TelegramStyledText.Style,
        into text: inout TelegramStyledText
    ) {
        var style = base
        var boldOpen = false
        var italicMarker: Character?
        var index = 0
        while index < chars.count {
            let char = chars[index]
            if char == "`", let end = chars[(index + 1)...].firstIndex(of: "`"), end > index + 1 {
                var code = style
                code.code = true
                text.append(String(chars[(index + 1)..<end]), code)
                index = end + 1
            } else if char == "*", next(chars, index) == "*", boldOpen || closesBold(chars, from: index + 2) {
                boldOpen.toggle()
                style.bold = base.bold || boldOpen
                index += 2
            } else if char == "*" || char == "_", isItalicMarker(chars, at: index, open: italicMarker) {
                italicMarker = italicMarker == nil ? char : nil
                style.italic = italicMarker != nil
                index += 1
            } else if char == "[", let link = link(chars, at: index) {
                if link.url.hasPrefix("https://") || link.url.hasPrefix("http://") {
                    var linked = style
                    linked.link = link.url
                    text.append(link.title, linked)
                } else {
                    text.append("\(link.title) (\(link.url))", style)
                }
                index = link.end
            } else {
                text.append(String(char), style)
                index += 1
            }
        }
    }

    private static func next(_ chars: [Character], _ index: Int) -> Character? {
        index + 1 < chars.count ? chars[index + 1] : nil
    }

    private static func isWordCharacter(_ char: Character?) -> Bool {
        char.map { $0.isLetter || $0.isNumber } ?? false
    }

    /// Whether `**` opening before `start` has a partner later on the line (a `**` after a non-space).
    private static func closesBold(_ chars: [Character], from start: Int) -> Bool {
        guard start < chars.count, !chars[start].isWhitespace else { return false }
        var index = start + 1
        while index < chars.count {
            if chars[index] == "*", next(chars, index) == "*", !chars[index - 1].isWhitespace { return true }
            index += 1
        }
        return false
    }

    /// Whether `*`/`_` at `index` opens or closes italics rather than being a literal character (`snake_case`,
    /// `2 * 3`, a lone `_`).
    private static func isItalicMarker(_ chars: [Character], at index: Int, open: Character?) -> Bool {
        let char = chars[index]
        let before = index > 0 ? chars[index - 1] : nil
        let after = next(chars, index)
        if let open {
            // Closing: the same marker, after a non-space, not inside a word.
            return char == open && before.map { !$0.isWhitespace } == true && !isWordCharacter(after) && after != "*"
        }
        guard !isWordCharacter(before), before != "*", let after, !after.isWhitespace, after != char else {
            return false
        }
        var candidate = index + 2
        while candidate < chars.count {
            if chars[candidate] == char, !chars[candidate - 1].isWhitespace,
                !isWordCharacter(next(chars, candidate)), next(chars, candidate) != "*", chars[candidate - 1] != "*"
            {
                return true
            }
            candidate += 1
        }
        return false
    }

    /// `[title](url)` starting at `index`: the title, the url and the index after the closing parenthesis.
    private static func link(_ chars: [Character], at index: Int) -> (title: String, url: String, end: Int)? {
        guard let close = chars[(index + 1)...].firstIndex(of: "]"), close > index + 1,
            next(chars, close) == "(", let end = chars[(close + 2)...].firstIndex(of: ")"), end > close + 2
        else { return nil }
        let url = String(chars[(close + 2)..<end])
        guard !url.contains(where: \.isWhitespace) else { return nil }
        return (String(chars[(index + 1)..<close]), url, end + 1)
    }
}
