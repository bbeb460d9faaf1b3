/// The assistant's Markdown subset (bold `**…**`, links `[title](url)`, line breaks, backslash escapes from
/// ``MarkdownLiteral``), read into pieces an adapter renders in its platform's own markup. Everything else is literal
/// text, to be escaped so it shows as typed: a summary may quote what a person wrote, and that must never turn into
/// markup, mentions or links.
public enum AssistantMarkdown {
    /// One piece of a reply.
    public enum Piece: Sendable, Hashable {
        /// Literal text.
        case text(String)
        /// Opens or closes bold text (always paired: an unpaired `**` is literal text).
        case strong
        /// A link with an `http`, `https` or `mailto` URL.
        case link(title: String, url: String)
    }

    /// The pieces of `markdown`, in order.
    public static func pieces(_ markdown: String) -> [Piece] {
        var pieces: [Piece] = []
        for segment in linkSegments(MarkdownLiteral.protect(markdown)) {
            if case .text(let text) = segment {
                pieces += strongSegments(text)
            } else {
                pieces.append(segment)
            }
        }
        return pairStrongMarkers(merged(pieces)).map { piece in
            switch piece {
            case .text(let text): .text(MarkdownLiteral.restore(text))
            case .link(let title, let url):
                .link(title: MarkdownLiteral.restore(title), url: MarkdownLiteral.restore(url))
            case .strong: .strong
            }
        }
    }

    /// Splits out every `[title](url)`; links to other schemes become the literal text `title (url)`.
    private static func linkSegments(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            guard let link = link(in: rest[open...]) else {
                // A bracket that opens no link is text; look for a link after it.
                literal += rest[...open]
                rest = rest[rest.index(after: open)...]
                continue
            }
            literal += rest[..<open]
            if isLinkable(link.url) {
                if !literal.isEmpty { pieces.append(.text(literal)) }
                literal = ""
                pieces.append(.link(title: link.title, url: link.url))
            } else {
                literal += "\(link.title) (\(link.url))"
            }
            rest = rest[link.end...]
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return pieces
    }

    /// `[title](url)` at the start of `text`, and where it ends.
    private static func link(in text: Substring) -> (title: String, url: String, end: Substring.Index)? {
        guard let close = text.firstIndex(of: "]") else { return nil }
        let afterClose = text.index(after: close)
        guard afterClose < text.endIndex, text[afterClose] == "(",
            let end = text[afterClose...].firstIndex(of: ")")
        else { return nil }
        let title = text[text.index(after: text.startIndex)..<close]
        guard !title.contains("[") else { return nil }
        return (String(title), String(text[text.index(after: afterClose)..<end]), text.index(after: end))
    }

    private static func isLinkable(_ url: String) -> Bool {
        let lower = url.lowercased()
        return (lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:"))
            && !url.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }

    private static func strongSegments(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var rest = Substring(text)
        while let marker = rest.firstRange(of: "**") {
            if marker.lowerBound > rest.startIndex { pieces.append(.text(String(rest[..<marker.lowerBound]))) }
            pieces.append(.strong)
            rest = rest[marker.upperBound...]
        }
        if !rest.isEmpty { pieces.append(.text(String(rest))) }
        return pieces
    }

    /// An odd number of `**` leaves the last one unpaired: it is literal text.
    private static func pairStrongMarkers(_ pieces: [Piece]) -> [Piece] {
        let markers = pieces.indices.filter { pieces[$0] == .strong }
        guard markers.count % 2 == 1, let last = markers.last else { return pieces }
        var paired = pieces
        paired[last] = .text("**")
        return merged(paired)
    }

    private static func merged(_ pieces: [Piece]) -> [Piece] {
        var output: [Piece] = []
        for piece in pieces {
            if case .text(let text) = piece, case .text(let previous)? = output.last {
                output[output.count - 1] = .text(previous + text)
            } else {
                output.append(piece)
            }
        }
        return output
    }
}
