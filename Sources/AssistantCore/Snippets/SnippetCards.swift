/// How snippets read in chat: numbered short cards for search results, and the whole snippet for "more".
public enum SnippetCards {
    /// The search results as numbered cards, with how to open one and rate it.
    public static func results(_ records: [SnippetRecord], query: String, tag: SnippetTag?) -> String {
        var heading = "Good practice"
        if let tag { heading += " tagged *\(tag.label)*" }
        if !query.isEmpty { heading += " for \"\(MarkdownLiteral.escaped(query))\"" }
        var text = heading + ":"
        for (index, record) in records.enumerated() {
            text += "\n\n" + card(record, number: index + 1)
        }
        text += "\n\nReply **more 1** (or another number) to read one in full; "
        text += "**useful 1** or **not useful 1** tells me whether it helped."
        return text
    }

    /// One card: number, title, themes and where it comes from, then the first sentence of what was done.
    public static func card(_ record: SnippetRecord, number: Int) -> String {
        let snippet = record.snippet
        var line = "\(number). **\(literal(snippet.title))**"
        var about = snippet.tags.map(\.label)
        if let institution = snippet.institution { about.append(institution) }
        if !about.isEmpty { line += " (\(literal(about.joined(separator: " · "))))" }
        return line + "\n   " + literal(firstSentence(snippet.whatWasDone))
    }

    /// The whole snippet, with its source or origin, ending with "was this useful?".
    public static func detail(_ record: SnippetRecord) -> String {
        let snippet = record.snippet
        var text = "**\(literal(snippet.title))** (\(record.id))\n\n"
        text += "**What was done:** \(literal(snippet.whatWasDone))\n\n"
        text += "**Why it worked / what to watch:** \(literal(snippet.whyItWorked))\n\n"
        text += "**Themes:** \(snippet.tags.map(\.label).joined(separator: ", "))"
        if let institution = snippet.institution { text += "\n**From:** \(literal(institution))" }
        if let source = snippet.source {
            text += "\n**Source:** \(literal(source.title)), \(literal(source.url)) (\(literal(source.date)))"
        }
        if let contact = snippet.contact { text += "\n**Contact:** \(literal(contact))" }
        if record.status != .approved { text += "\n**Status:** \(record.status.rawValue)" }
        text += "\n\nWas this useful? Reply **yes** or **no**."
        return text
    }

    /// Snippets are written by staff: their words show as typed, never as markup or links.
    private static func literal(_ text: String) -> String { MarkdownLiteral.escaped(text) }

    static func firstSentence(_ text: String, limit: Int = 160) -> String {
        var sentence = ""
        for character in text {
            sentence.append(character)
            if ".!?".contains(character), sentence.count > 20 { break }
        }
        if sentence.count > limit { sentence = String(sentence.prefix(limit - 1)) + "…" }
        return sentence
    }
}
