public import AssistantCore

/// What the content-health page needs from outside the store: each knowledge article's review date (from the
/// loaded knowledge base) and who moderates snippets (`snippets.moderators` in the configuration; a desk user listed
/// there as `desk:NAME` moderates as well as doing what their role allows).
public struct DeskContent: Sendable {
    /// One knowledge article's review date.
    public struct Article: Sendable, Hashable {
        public let id: String
        public let title: String
        public let reviewDue: CalendarDate

        public init(id: String, title: String, reviewDue: CalendarDate) {
            self.id = id
            self.title = title
            self.reviewDue = reviewDue
        }
    }

    public let articles: [Article]
    public let moderators: Set<String>

    public init(articles: [Article] = [], moderators: Set<String> = []) {
        self.articles = articles
        self.moderators = moderators
    }

    /// The articles of a loaded knowledge base.
    public init(knowledge: KnowledgeBase, moderators: Set<String>) {
        self.init(
            articles: knowledge.articles.values.map { Article(id: $0.id, title: $0.title, reviewDue: $0.reviewDue) },
            moderators: moderators
        )
    }

    /// The articles whose review date is before `today` (the due day itself is not late), most overdue first.
    public func pastReview(on today: CalendarDate) -> [Article] {
        articles.filter { $0.reviewDue < today }.sorted { ($0.reviewDue, $0.id) < ($1.reviewDue, $1.id) }
    }
}
