import AssistantCore
import Yams

/// Reads one `intents/*.yaml` file: a mapping with an `intents` list.
struct IntentFileParser {
    static let intentKeys: Set<String> = ["id", "examples", "article", "dialogue", "follow_ups", "action"]

    func parse(_ text: String, file: String) throws(KnowledgeLoadError) -> [Located<Intent>] {
        let document = try YAMLDocument(text: text, file: file)
        let top = try MappingReader(document.root, in: document, what: "an intents file")
        try top.rejectUnknownKeys(allowed: ["intents"], what: "an intents file")
        guard let list = top.value("intents") else {
            throw document.fail("missing the top-level 'intents' list", at: document.root)
        }
        guard let items = list.sequence else { throw document.fail("'intents' must be a list", at: list) }
        var intents: [Located<Intent>] = []
        for item in items {
            intents.append(try parseIntent(item, in: document))
        }
        return intents
    }

    private func parseIntent(_ node: Node, in document: YAMLDocument) throws(KnowledgeLoadError) -> Located<Intent> {
        let reader = try MappingReader(node, in: document, what: "an intent")
        try reader.rejectUnknownKeys(allowed: Self.intentKeys, what: "an intent")
        let id = try reader.string("id")
        let article = try reader.optionalString("article")
        let dialogue = try reader.optionalString("dialogue")
        let answer: Intent.Answer
        switch (article, dialogue) {
        case (let article?, nil):
            answer = .article(article)
        case (nil, let dialogue?):
            guard let kind = DialogueKind(rawValue: dialogue) else {
                let kinds = DialogueKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw document.fail("intent '\(id)': unknown dialogue '\(dialogue)' (one of: \(kinds))", at: node)
            }
            answer = .dialogue(kind)
        case (nil, nil):
            guard id == Intent.outOfScopeID else {
                throw document.fail("intent '\(id)' needs an 'article' (or a 'dialogue')", at: node)
            }
            answer = .none
        case (.some, .some):
            throw document.fail("intent '\(id)' has both 'article' and 'dialogue'; keep one", at: node)
        }
        return Located(
            Intent(
                id: id,
                examples: try reader.stringList("examples"),
                answer: answer,
                followUps: try reader.stringList("follow_ups", required: false),
                action: try action(reader, in: document)
            ),
            at: document.location(of: node)
        )
    }

    private func action(_ reader: MappingReader, in document: YAMLDocument) throws(KnowledgeLoadError) -> IntentAction?
    {
        guard let node = reader.value("action"), !MappingReader.isNull(node) else { return nil }
        let action = try MappingReader(node, in: document, what: "an action")
        try action.rejectUnknownKeys(allowed: ["start_form", "look_up", "search"], what: "an action")
        if let search = try action.optionalString("search") {
            guard search == "snippets" else {
                throw document.fail("'search' can only be 'snippets', not '\(search)'", at: node)
            }
            return .searchSnippets
        }
        if let lookUp = try action.optionalString("look_up") {
            guard lookUp == "own_concerns" else {
                throw document.fail("'look_up' can only be 'own_concerns', not '\(lookUp)'", at: node)
            }
            return .lookUpOwnConcerns
        }
        return .startForm(try action.string("start_form"))
    }
}
