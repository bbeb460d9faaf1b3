import AssistantCore
import Testing

/// #17: articles past their review date, as `/healthz` lists them.
struct OverdueReviewTests {
    static func article(_ id: String, due: String) throws -> Article {
        Article(
            id: id,
            title: id,
            audience: ["all_staff"],
            jurisdiction: ["england"],
            sources: [],
            lastReviewed: try #require(CalendarDate(iso: "2025-01-01")),
            reviewDue: try #require(CalendarDate(iso: due)),
            body: "text"
        )
    }

    static func knowledge() throws -> KnowledgeBase {
        KnowledgeBase(
            intents: [],
            articles: [
                try article("what_is_channel", due: "2026-12-01"),
                try article("after_referral", due: "2026-11-30"),
                try article("myths", due: "2027-06-01"),
            ],
            safetyRules: SafetyRuleSet(rules: [], exceptions: [])
        )
    }

    @Test func listsArticlesDueBeforeTodayByID() throws {
        let today = try #require(CalendarDate(iso: "2026-12-07"))
        let overdue = OverdueReview.list(in: try Self.knowledge(), on: today)
        #expect(overdue.map(\.articleID) == ["after_referral", "what_is_channel"])
        #expect(overdue.first?.reviewDue == CalendarDate(iso: "2026-11-30"))
    }

    @Test func anArticleDueTodayIsNotYetOverdue() throws {
        let today = try #require(CalendarDate(iso: "2026-12-01"))
        #expect(OverdueReview.list(in: try Self.knowledge(), on: today).map(\.articleID) == ["after_referral"])
    }
}
