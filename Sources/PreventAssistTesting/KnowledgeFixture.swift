/// A small, valid knowledge base written as files, for tests that break one thing at a time.
///
/// It has two topic intents (`alpha_topic`, `beta_topic`) with articles, the out-of-scope intent, a greeting,
/// and one safety rule with the `immediate_danger` article.
public enum KnowledgeFixture {
    /// `count` distinct examples starting with `stem`.
    public static func examples(_ stem: String, count: Int = 12) -> [String] {
        (1...count).map { "\(stem) question number \($0)" }
    }

    public static func intentsYAML(
        alphaExamples: [String] = examples("alpha"),
        betaExamples: [String] = examples("beta"),
        alphaArticle: String = "alpha_topic",
        alphaFollowUps: [String] = ["beta_topic"]
    ) -> String {
        """
        intents:
          - id: alpha_topic
            article: \(alphaArticle)
            follow_ups: [\(alphaFollowUps.joined(separator: ", "))]
            examples:
        \(list(alphaExamples, indent: 6))
          - id: beta_topic
            article: beta_topic
            examples:
        \(list(betaExamples, indent: 6))
          - id: greeting
            dialogue: greeting
            examples:
        \(list(examples("hello there"), indent: 6))
          - id: out_of_scope
            examples:
        \(list(examples("parking permit"), indent: 6))
          - id: immediate_danger
            article: immediate_danger
            examples:
        \(list(examples("danger now"), indent: 6))
        """
    }

    public static let safetyYAML = """
        safety:
          article: immediate_danger
          rules:
            - id: threat
              when: [will, going to]
              then: [bomb*, stab*]
              max_gap: 1
        """

    public static func article(
        id: String,
        title: String = "A title",
        body: String = "Do this first.\n\n## Why\nBecause.\n\n## Read more\n- A source",
        sources: String? = nil,
        reviewDue: String = "2027-11-29",
        audience: String = "[all_staff]"
    ) -> String {
        let sourceBlock =
            sources ?? """
                sources:
                  - title: A source
                    url: https://www.gov.uk/example
                    date: 2024-01-01
                """
        return """
            ---
            id: \(id)
            title: \(title)
            audience: \(audience)
            jurisdiction: [england]
            \(sourceBlock)
            last_reviewed: 2026-11-29
            review_due: \(reviewDue)
            ---
            \(body)

            """
    }

    /// Writes the whole valid fixture into `directory`.
    public static func write(into directory: TemporaryDirectory) throws {
        try directory.write(intentsYAML(), to: "intents/topics.yaml")
        try directory.write(safetyYAML, to: "intents/safety.yaml")
        for id in ["alpha_topic", "beta_topic", "immediate_danger"] {
            try directory.write(article(id: id), to: "knowledge/\(id).md")
        }
    }

    private static func list(_ items: [String], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent)
        return items.map { "\(pad)- \"\($0)\"" }.joined(separator: "\n")
    }
}
