/// What the assistant remembers about one conversation between messages.
///
/// Small and `Codable` so the runtime can store it with the cursor in one transaction.
public struct ConversationState: Sendable, Hashable, Codable {
    /// Intent ids the last reply offered as numbered choices (follow-ups, a clarifying question or closest topics),
    /// so "1", "2" or the topic's title picks one.
    public var offeredChoices: [String]
    /// The article last answered in short form, so "more" or "why" shows the rest of it.
    public var expandableArticle: String?

    /// The form being filled in, if any.
    public var form: FormSession?
    /// The good-practice snippets the last search showed as numbered cards, so "more 2" opens the second.
    public var snippetCards: [String]?
    /// The snippet last shown in full, so "yes" or "no" answers "was this useful?".
    public var snippetShown: String?
    /// Whether the assistant asked what good practice to search for; the next message is the query.
    public var awaitingSnippetQuery: Bool?
    /// The last question answered, de-identified, so "no, that didn't help" can keep it for review (only when
    /// learning is on).
    public var answeredQuestion: MissedQuestion?

    public init(
        offeredChoices: [String] = [],
        expandableArticle: String? = nil,
        form: FormSession? = nil,
        snippetCards: [String]? = nil,
        snippetShown: String? = nil,
        awaitingSnippetQuery: Bool? = nil,
        answeredQuestion: MissedQuestion? = nil
    ) {
        self.offeredChoices = offeredChoices
        self.expandableArticle = expandableArticle
        self.form = form
        self.snippetCards = snippetCards
        self.snippetShown = snippetShown
        self.awaitingSnippetQuery = awaitingSnippetQuery
        self.answeredQuestion = answeredQuestion
    }

    /// A conversation that has not started yet.
    public static let initial = ConversationState()
}
