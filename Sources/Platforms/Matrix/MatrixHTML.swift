import AssistantCore

/// Turns the assistant's Markdown subset (bold `**…**`, links `[title](url)`, line breaks, `- ` lists) into Matrix's
/// plain `body` and HTML `formatted_body`. Text is escaped before any markup is added, so whatever a person typed
/// (quoted back in a summary) can never inject HTML.
enum MatrixHTML {
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
        return output
    }

    /// The plain-text body: bold markers removed, links as "title (url)".
    static func plain(_ markdown: String) -> String {
        let text = links(in: MarkdownLiteral.protect(markdown).replacing("**", with: "")) { title, url in
            "\(title) (\(url))"
        }
        return MarkdownLiteral.restore(text)
    }

    /// The HTML body.
    static func html(_ markdown: String) -> String {
        var html = ""
        var bold = false
        let escaped = escape(MarkdownLiteral.protect(markdown))
        var rest = Substring(escaped)
        while let marker = rest.firstRange(of: "**") {
            html += rest[..<marker.lowerBound]
            html += bold ? "</strong>" : "<strong>"
            bold.toggle()
            rest = rest[marker.upperBound...]
        }
        html += rest
        if bold { html += "</strong>" }
        let linked = links(in: html) { title, url in
            url.hasPrefix("https://") || url.hasPrefix("http://")
                ? "<a href=\"\(url)\">\(title)</a>" : "\(title) (\(url))"
        }
        return MarkdownLiteral.restore(
            linked.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "<br>")
        )
    }

    /// Rewrites every `[title](url)` with `render`.
    static func links(in text: String, render: (Substring, Substring) -> String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "["),
            let close = rest[open...].firstIndex(of: "]"),
            rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
            let end = rest[close...].firstIndex(of: ")")
        {
            output += rest[..<open]
            output += render(rest[rest.index(after: open)..<close], rest[rest.index(close, offsetBy: 2)..<end])
            rest = rest[rest.index(after: end)...]
        }
        return output + rest
    }
}
