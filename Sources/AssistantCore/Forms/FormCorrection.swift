import TextNormalization

/// A correction typed at any step of a form: "change date", "change the place to the library", "edit when",
/// "the date is wrong, it was Friday", "actually the date was Friday".
///
/// The target is a slot named by its label, its id, one of its content `aliases`, or, for a date slot, "date",
/// "day" or "time"; the new answer, if given, follows.
public struct FormCorrection: Sendable, Hashable {
    /// The slot to correct.
    public let slotID: String
    /// The new answer, if the message gave one.
    public let value: String?

    /// Reads `text` as a correction to one of `form`'s slots, or `nil`.
    public static func parse(_ text: String, form: FormDefinition) -> FormCorrection? {
        var tokens = TextNormalizer().tokens(text)
        guard !tokens.isEmpty, tokens.count <= 40 else { return nil }
        let resolver = SlotNames(form: form)
        // "can I …", "I need to …", "please …" before the verb.
        while tokens.count > 1, Self.politeLeads.contains(tokens[0]), !Self.verbs.contains(tokens[0]) {
            tokens.removeFirst()
        }
        // "wrong date", "incorrect place"
        if tokens.count >= 2, ["wrong", "incorrect"].contains(tokens[0]),
            let (slot, used) = resolver.longestMatch(Array(tokens.dropFirst())), used == tokens.count - 1
        {
            return FormCorrection(slotID: slot, value: nil)
        }
        // "change|edit|correct|fix|update [the|my] <target> [to|as|:] [<value>]"
        if Self.verbs.contains(tokens[0]) {
            var rest = Array(tokens.dropFirst())
            while let first = rest.first, Self.articles.contains(first) { rest.removeFirst() }
            guard let (slot, used) = resolver.longestMatch(rest) else { return nil }
            var value = Array(rest.dropFirst(used))
            while let first = value.first, Self.joiners.contains(first) { value.removeFirst() }
            return FormCorrection(slotID: slot, value: value.isEmpty ? nil : original(text, tokens: value))
        }
        // "[sorry|actually|oops] [the|my] <target> is|was wrong|incorrect …[it was|should be] <value>"
        var rest = tokens
        while let first = rest.first, Self.openers.contains(first) || Self.articles.contains(first) {
            rest.removeFirst()
        }
        guard let (slot, used) = resolver.longestMatch(rest) else { return nil }
        var after = Array(rest.dropFirst(used))
        guard let verb = after.first, ["is", "was", "should"].contains(verb) else { return nil }
        after.removeFirst()
        if after.first == "be" { after.removeFirst() }
        let saysWrong = after.first.map(Self.wrongWords.contains) ?? false
        let startsWithOpener = tokens.first.map(Self.openers.contains) ?? false
        guard saysWrong || startsWithOpener || verb == "should" else { return nil }
        if saysWrong {
            after.removeFirst()
            while let first = after.first, Self.valueLeads.contains(first) { after.removeFirst() }
        }
        return FormCorrection(slotID: slot, value: after.isEmpty ? nil : original(text, tokens: after))
    }

    /// "Sorry, I meant Tuesday", "oops I meant the library": a new answer to the question answered last. Returns the
    /// new answer's words, or `nil`.
    public static func meantInstead(_ text: String) -> String? {
        var tokens = TextNormalizer().tokens(text)
        while let first = tokens.first, openers.contains(first) { tokens.removeFirst() }
        guard tokens.count >= 3, tokens[0] == "i", ["meant", "mean"].contains(tokens[1]) else { return nil }
        let value = Array(tokens.dropFirst(2))
        return original(text, tokens: value)
    }

    /// "Actually it was on Tuesday", "sorry, it happened in the canteen": a correction that names no item, read
    /// only at the read-back. The value is a day (for the date question) or, after "in" or "at", a place.
    public static func unnamed(_ text: String, form: FormDefinition, today: CalendarDate) -> FormCorrection? {
        var tokens = TextNormalizer().tokens(text)
        guard let first = tokens.first, openers.contains(first) else { return nil }
        while let word = tokens.first, openers.contains(word) { tokens.removeFirst() }
        let leads: [[String]] = [["it", "was"], ["it", "happened"], ["that", "was"], ["it", "is"]]
        guard let lead = leads.first(where: { tokens.starts(with: $0) }) else { return nil }
        var value = Array(tokens.dropFirst(lead.count))
        guard !value.isEmpty else { return nil }
        if let dateSlot = form.slots.first(where: { $0.kind == .date }),
            case .day = NaturalDateParser(today: today).read(value.joined(separator: " "))
        {
            return FormCorrection(slotID: dateSlot.id, value: original(text, tokens: value))
        }
        guard ["in", "at"].contains(value[0]), value.count > 1,
            let (place, _) = SlotNames(form: form).longestMatch(["place"])
                ?? SlotNames(form: form).longestMatch(["where"])
        else { return nil }
        value.removeFirst()
        return FormCorrection(slotID: place, value: original(text, tokens: value))
    }

    /// The value as typed: the shortest tail of `text` whose words normalise to `tokens` (else the tokens).
    static func original(_ text: String, tokens: [String]) -> String {
        let normalizer = TextNormalizer()
        let raw = text.split(whereSeparator: \.isWhitespace)
        for count in 1...max(1, raw.count) where count <= raw.count {
            let tail = raw.suffix(count).joined(separator: " ")
            if normalizer.tokens(tail) == tokens { return tail }
        }
        return tokens.joined(separator: " ")
    }

    static let verbs: Set<String> = ["change", "edit", "correct", "fix", "update", "amend", "alter"]
    static let politeLeads: Set<String> = [
        "can", "could", "may", "i", "need", "to", "want", "would", "like", "please", "let", "me", "we", "just", "so",
        "id", "ok", "okay",
    ]
    static let articles: Set<String> = ["the", "my", "that", "this", "answer", "for"]
    static let joiners: Set<String> = ["to", "as", "into", "it", "is", "was", "should", "be", "please", "with"]
    static let openers: Set<String> = ["sorry", "actually", "oops", "oh", "wait", "no", "correction", "hang", "on"]
    static let wrongWords: Set<String> = ["wrong", "incorrect", "not", "a", "mistake", "mistaken"]
    static let valueLeads: Set<String> = [
        "right", "correct", "it", "that", "was", "is", "should", "be", "actually", "in", "fact", "mistake", "i",
        "meant", "mean",
    ]
}

/// The names a person may use for a form's slots: label, id, content aliases, and "date"/"day"/"time" for dates.
struct SlotNames: Sendable {
    private let names: [(words: [String], slot: String)]

    init(form: FormDefinition) {
        let normalizer = TextNormalizer()
        var names: [(words: [String], slot: String)] = []
        for slot in form.slots {
            var texts = [slot.label, slot.id.split(separator: "_").joined(separator: " ")] + slot.aliases
            if case .date = slot.kind { texts += ["date", "day", "time", "when", "the date", "date and time"] }
            for text in texts {
                let words = normalizer.tokens(text)
                if !words.isEmpty { names.append((words, slot.id)) }
            }
        }
        self.names = names
    }

    /// The slot whose name starts `tokens`, preferring the longest name, with how many tokens it used.
    func longestMatch(_ tokens: [String]) -> (String, Int)? {
        var best: (String, Int)?
        for name in names where name.words.count <= tokens.count {
            if Array(tokens.prefix(name.words.count)) == name.words, name.words.count > (best?.1 ?? 0) {
                best = (name.slot, name.words.count)
            }
        }
        return best
    }
}
