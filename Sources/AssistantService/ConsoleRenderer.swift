import AssistantCore

/// Renders a reply for a plain terminal: Markdown bold markers removed, links shown as "title: url", backslash-escaped
/// characters (``MarkdownLiteral``) shown plain, emergency replies marked so they stand out.
enum ConsoleRenderer {
    static func render(_ reply: Reply) -> String {
        var text = MarkdownLiteral.protect(reply.text).replacingOccurrences(of: "**", with: "")
        text = MarkdownLiteral.restore(renderLinks(text))
        switch reply.kind {
        case .emergency: return "bot> ⚠ " + text
        default: return "bot> " + text
        }
    }

    /// `[title](url)` → `title: url`.
    static func renderLinks(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "["),
            let close = rest[open...].firstIndex(of: "]"),
            rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
            let end = rest[close...].firstIndex(of: ")")
        {
            output += rest[..<open]
            let title = rest[rest.index(after: open)..<close]
            let url = rest[rest.index(close, offsetBy: 2)..<end]
            output += "\(title): \(url)"
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
