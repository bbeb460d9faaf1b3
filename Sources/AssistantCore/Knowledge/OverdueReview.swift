/// An article past its review date: `/healthz` lists these so an operator sees stale guidance without running
/// `kb check`.
public struct OverdueReview: Sendable, Hashable {
    public let articleID: String
    public let reviewDue: CalendarDate

    public init(articleID: String, reviewDue: CalendarDate) {
        self.articleID = articleID
        self.reviewDue = reviewDue
    }

    /// Every article in `knowledge` whose `review_due` is before `today`, by id (the day it falls due is not late).
    public static func list(in knowledge: KnowledgeBase, on today: CalendarDate) -> [OverdueReview] {
        knowledge.articles.values
            .filter { $0.reviewDue < today }
            .map { OverdueReview(articleID: $0.id, reviewDue: $0.reviewDue) }
            .sorted { $0.articleID < $1.articleID }
    }
}
