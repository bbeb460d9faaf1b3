/// The assistant's content, frozen: intents, articles and the safety screen's rules.
///
/// Built once from the loaded files (see `KnowledgeLoader`) and shared read-only; every lookup is a dictionary hit.
public struct KnowledgeBase: Sendable {
    public let intents: [Intent]
    public let articles: [String: Article]
    public let safetyRules: SafetyRuleSet
    public let forms: [String: FormDefinition]
    /// The good-practice snippets that ship with the content (`knowledge/snippets/`), always approved.
    public let snippets: [SnippetRecord]
    private let intentIndex: [String: Int]

    /// Creates a knowledge base. Later duplicates of an id are ignored here; `KnowledgeCheck` reports them.
    public init(
        intents: [Intent],
        articles: [Article],
        safetyRules: SafetyRuleSet,
        forms: [FormDefinition] = [],
        snippets: [SnippetRecord] = []
    ) {
        var index: [String: Int] = [:]
        for (position, intent) in intents.enumerated() where index[intent.id] == nil {
            index[intent.id] = position
        }
        self.intents = intents
        self.intentIndex = index
        self.articles = Dictionary(articles.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.safetyRules = safetyRules
        self.forms = Dictionary(forms.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.snippets = snippets
    }

    public func intent(_ id: String) -> Intent? { intentIndex[id].map { intents[$0] } }

    public func article(_ id: String) -> Article? { articles[id] }

    /// The training set: every example of every intent, labelled with the intent id
    /// (out-of-scope examples carry ``Intent/outOfScopeID``).
    public var trainingExamples: [LabeledText] {
        intents.flatMap { intent in intent.examples.map { LabeledText(text: $0, label: intent.id) } }
    }

    /// A short human title for an intent: its article's title, or a fixed one for conversation intents.
    public func title(of intentID: String) -> String {
        guard let intent = intent(intentID) else { return intentID }
        switch intent.answer {
        case .article(let articleID): return article(articleID)?.title ?? intentID
        case .dialogue(.handover): return "Talk to a person"
        case .dialogue(.capabilities): return "What I can do"
        case .dialogue(.greeting): return "Hello"
        case .dialogue(.thanks): return "Thanks"
        case .none: return intentID
        }
    }
}

/// A text with its label, the unit of training and evaluation data.
public struct LabeledText: Sendable, Hashable {
    public let text: String
    public let label: String

    public init(text: String, label: String) {
        self.text = text
        self.label = label
    }
}
