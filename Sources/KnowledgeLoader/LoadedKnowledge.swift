public import AssistantCore

/// Everything read from a knowledge directory, with where each piece came from and every file that could not be
/// read. Loading never stops at the first broken file: `kb check` lists them all.
public struct LoadedKnowledge: Sendable {
    public let intents: [Located<Intent>]
    public let articles: [Located<Article>]
    public let safety: Located<SafetyRuleSet>?
    public let forms: [Located<FormDefinition>]
    /// The shipped good-practice snippets.
    public let snippets: [Located<SnippetRecord>]
    /// Files that could not be read, as problems.
    public let loadProblems: [KnowledgeProblem]
    /// Each article's answer checks and cited publishers, in article order.
    public let reviews: [Located<ArticleReview>]
    /// `knowledge/publishers.yaml`, when the content has one; the source rule runs only then.
    public let publishers: Located<PublisherList>?
    /// `knowledge/contacts.yaml`: how unset contacts read in answers, when the content has it.
    public let unsetWording: UnsetContactWording?

    public init(
        intents: [Located<Intent>],
        articles: [Located<Article>],
        safety: Located<SafetyRuleSet>?,
        forms: [Located<FormDefinition>] = [],
        snippets: [Located<SnippetRecord>] = [],
        loadProblems: [KnowledgeProblem],
        reviews: [Located<ArticleReview>] = [],
        publishers: Located<PublisherList>? = nil,
        unsetWording: UnsetContactWording? = nil
    ) {
        self.unsetWording = unsetWording
        self.reviews = reviews
        self.publishers = publishers
        self.intents = intents
        self.articles = articles
        self.safety = safety
        self.forms = forms
        self.snippets = snippets
        self.loadProblems = loadProblems
    }

    /// The frozen knowledge base (what loaded; broken files are left out).
    public var knowledgeBase: KnowledgeBase {
        KnowledgeBase(
            intents: intents.map(\.value),
            articles: articles.map(\.value),
            safetyRules: safety?.value ?? .empty,
            forms: forms.map(\.value),
            snippets: snippets.map(\.value)
        )
    }

    /// Load problems followed by every ``KnowledgeCheck`` problem and, with a publisher list, the source rule
    /// (``CitationCheck``). The answer checks need a trained matcher: ``AnswerCheckRunner`` runs them.
    public func check(today: CalendarDate) -> [KnowledgeProblem] {
        loadProblems
            + KnowledgeCheck(today: today).problems(
                intents: intents,
                articles: articles,
                safety: safety,
                forms: forms,
                snippets: snippets
            )
            + (publishers.map { CitationCheck(publishers: $0.value).problems(reviews, at: $0.location) } ?? [])
    }

    /// How each intent's examples cover the way staff ask, in file order.
    public var coverage: [ExampleCoverage] { intents.map { ExampleCoverage($0.value) } }
}
