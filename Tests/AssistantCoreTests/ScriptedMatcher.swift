import AssistantCore

/// A matcher that returns the classification a test sets up, so dialogue tests do not depend on a model.
struct ScriptedMatcher: IntentMatcher {
    var responses: [String: Classification]
    var fallback = Classification(ranked: [], decision: .outOfScope)

    func classify(_ text: String) -> Classification { responses[text] ?? fallback }
}

/// A small in-memory knowledge base for dialogue tests.
enum DialogueFixture {
    static func day(_ text: String) -> CalendarDate {
        guard let date = CalendarDate(iso: text) else { preconditionFailure("fixture date \(text) is invalid") }
        return date
    }

    static func article(_ id: String, title: String, body: String) -> Article {
        Article(
            id: id,
            title: title,
            audience: ["all_staff"],
            jurisdiction: ["england"],
            sources: [.init(title: "Source", url: "https://www.gov.uk/x", date: day("2024-01-01"))],
            lastReviewed: day("2026-11-29"),
            reviewDue: day("2027-11-29"),
            body: body
        )
    }

    static let knowledge = KnowledgeBase(
        intents: [
            Intent(
                id: "what_is_channel",
                examples: [],
                answer: .article("what_is_channel"),
                followUps: ["after_referral"]
            ),
            Intent(id: "after_referral", examples: [], answer: .article("after_referral")),
            Intent(id: "greeting", examples: [], answer: .dialogue(.greeting)),
            Intent(id: "thanks", examples: [], answer: .dialogue(.thanks)),
            Intent(id: "bot_capabilities", examples: [], answer: .dialogue(.capabilities)),
            Intent(id: "human_handover", examples: [], answer: .dialogue(.handover)),
            Intent(id: "immediate_danger", examples: [], answer: .article("immediate_danger")),
        ],
        articles: [
            article(
                "what_is_channel",
                title: "What is Channel?",
                body:
                    "Channel is voluntary support. Tell {{institution.prevent_lead}}.\n\n## Why\nIt helps.\n\n## Read more\n- x"
            ),
            article("after_referral", title: "After a referral", body: "The lead decides.\n\n## Read more\n- x"),
            article("immediate_danger", title: "Emergency", body: "Call 999 now."),
        ],
        safetyRules: SafetyRuleSet(
            rules: [
                SafetyRule(
                    id: "threat",
                    pattern: .sequence(.init(when: [Phrase("will")], then: [Phrase("bomb*")], maxGap: 1, blockers: []))
                )
            ],
            exceptions: []
        )
    )
}
