import TextNormalization

/// The typed commands about good-practice snippets: "find good practice on external speakers", "snippets tag
/// training", "more 2", "useful", and the moderators' "pending snippets", "approve GP-0003", "reject GP-0003 because
/// …". Pure parsing; the runtime decides who may do what.
public enum SnippetCommand {
    /// The request `text` makes, given what the conversation last showed, or `nil` when it is not a snippet command.
    public static func parse(_ text: String, requester: String, state: ConversationState) -> SnippetRequest? {
        let normalizer = TextNormalizer()
        let tokens = normalizer.tokens(text)
        let normalized = tokens.joined(separator: " ")
        if let cards = state.snippetCards, !cards.isEmpty, let request = followUp(tokens, cards, state, requester) {
            return request
        }
        if let shown = state.snippetShown, let useful = verdict(normalized) {
            return .feedback(id: shown, useful: useful, requester: requester)
        }
        if [
            "pending snippets", "snippets pending", "list pending snippets", "moderation queue",
            "show pending snippets",
        ]
        .contains(normalized) {
            return .listPending(requester: requester)
        }
        if let first = tokens.first, ["approve", "reject"].contains(first), let id = snippetID(in: text) {
            guard first == "reject" else { return .approve(id: id, requester: requester) }
            return .reject(id: id, reason: reason(after: id, in: text), requester: requester)
        }
        if tokens.count >= 2, ["show", "open", "snippet"].contains(tokens[0]), let id = snippetID(in: text) {
            return .show(id: id, requester: requester)
        }
        for prefix in searchPrefixes {
            let words = prefix.split(separator: " ").map(String.init)
            guard tokens.count >= words.count, Array(tokens.prefix(words.count)) == words else { continue }
            var rest = Array(tokens.dropFirst(words.count))
            var tag: SnippetTag?
            if rest.first == "tag" || rest.first == "tagged" {
                tag = SnippetTag(naming: rest.dropFirst().joined(separator: " "))
                rest = []
            }
            return .search(query: rest.joined(separator: " "), tag: tag, requester: requester)
        }
        return nil
    }

    /// What starts the share form without the matcher.
    public static let sharePhrases: Set<String> = [
        "share good practice", "share practice", "share a snippet", "add a snippet", "new snippet",
        "share some good practice", "submit good practice",
    ]

    /// What starts a search without the matcher: the rest of the message is the query.
    static let searchPrefixes = [
        "find good practice", "search good practice", "good practice on", "good practice about", "find practice",
        "search practice", "find snippets", "search snippets", "snippets",
    ]

    /// A snippet id in `text`: `GP-` and digits (any case, zero-padded to four), or a shipped snippet's id
    /// (`seed-…`).
    public static func snippetID(in text: String) -> String? {
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == ":" }) {
            let upper = word.uppercased().trimmingCharacters(in: ".!?")
            if upper.hasPrefix("GP-"), let number = Int(upper.dropFirst(3)), number > 0 {
                return formatID(number)
            }
            let lower = word.lowercased().trimmingCharacters(in: ".!?")
            if lower.hasPrefix("seed-"), lower.count > 5 { return lower }
        }
        return nil
    }

    /// `GP-0007`.
    public static func formatID(_ number: Int) -> String {
        let digits = String(number)
        return "GP-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func followUp(
        _ tokens: [String],
        _ cards: [String],
        _ state: ConversationState,
        _ requester: String
    ) -> SnippetRequest? {
        let openers: Set<String> = ["more", "show", "open", "read", "number", "card", "snippet"]
        var words = tokens
        var useful: Bool?
        if words.first == "not", words.dropFirst().first == "useful" {
            useful = false
            words = Array(words.dropFirst(2))
        } else if words.first == "useful" || words.first == "helpful" {
            useful = true
            words = Array(words.dropFirst())
        }
        let numbers = words.compactMap { Int($0) }
        let rest = words.filter { Int($0) == nil }
        guard rest.allSatisfy(openers.contains), numbers.count <= 1 else { return nil }
        if let useful {
            let target = numbers.first.flatMap { cards.indices.contains($0 - 1) ? cards[$0 - 1] : nil }
            guard let id = target ?? state.snippetShown ?? (cards.count == 1 ? cards[0] : nil) else { return nil }
            return .feedback(id: id, useful: useful, requester: requester)
        }
        if let number = numbers.first {
            guard cards.indices.contains(number - 1) else { return nil }
            return .show(id: cards[number - 1], requester: requester)
        }
        if rest == ["more"], state.snippetShown == nil { return .show(id: cards[0], requester: requester) }
        return nil
    }

    private static func verdict(_ normalized: String) -> Bool? {
        let yes: Set<String> = [
            "yes", "y", "useful", "yes useful", "yes it was", "helpful", "very useful", "it was useful", "yes thanks",
            "yes thank you", "thumbs up",
        ]
        let no: Set<String> = [
            "no", "n", "not useful", "not really", "no it was not", "unhelpful", "not helpful", "thumbs down", "nope",
        ]
        if yes.contains(normalized) { return true }
        if no.contains(normalized) { return false }
        return nil
    }

    private static func reason(after id: String, in text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let position = words.firstIndex(where: { $0.uppercased().contains("GP-") || $0.lowercased() == id })
        else { return "" }
        var rest = words[(position + 1)...].joined(separator: " ").trimmingCharacters(in: " :,-.")
        for lead in ["because ", "reason: ", "reason ", "as "] where rest.lowercased().hasPrefix(lead) {
            rest = String(rest.dropFirst(lead.count))
        }
        return rest.trimmingCharacters(in: " ")
    }
}

extension String {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        var text = Substring(self)
        while let first = text.first, characters.contains(first) { text = text.dropFirst() }
        while let last = text.last, characters.contains(last) { text = text.dropLast() }
        return String(text)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        String(self).trimmingCharacters(in: characters)
    }
}
