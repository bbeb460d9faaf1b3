import AssistantCore
import Foundation
import KnowledgeLoader
import PreventAssistTesting
import Testing

/// The source rule of `kb check` (knowledge/publishers.yaml): publisher hosts, secondary marking, a primary source
/// per article and the share of primary citations.
struct SourceRuleTests {
    let today = CalendarDate(year: 2026, month: 11, day: 29)

    static let publishers = """
        publishers:
          - id: gov_uk
            name: UK Government (GOV.UK)
            primary: true
            hosts: [gov.uk]
          - id: trade_news
            name: Trade News
            primary: false
            hosts: [tradenews.example]
        """

    static func source(_ url: String, publisher: String?, secondary: Bool = false) -> String {
        var text = "  - title: A source\n    url: \(url)\n"
        if let publisher { text += "    publisher: \(publisher)\n" }
        if secondary { text += "    secondary: true\n" }
        return text + "    date: 2024-01-01\n"
    }

    /// The fixture with every article citing `sources` (one `source(...)` line per entry) and the publisher list.
    func loaded(alpha: [String], others: [String]? = nil) throws -> LoadedKnowledge {
        try TemporaryDirectory.with { directory in
            try KnowledgeFixture.write(into: directory)
            try directory.write(Self.publishers, to: "knowledge/publishers.yaml")
            let primary = [Self.source("https://www.gov.uk/guidance/x", publisher: "gov_uk")]
            for id in ["alpha_topic", "beta_topic", "immediate_danger"] {
                let list = id == "alpha_topic" ? alpha : (others ?? primary)
                try directory.write(
                    KnowledgeFixture.article(id: id, sources: "sources:\n" + list.joined()),
                    to: "knowledge/\(id).md"
                )
            }
            return KnowledgeDirectory(root: directory.url).load()
        }
    }

    func citationProblems(alpha: [String], others: [String]? = nil) throws -> [String] {
        let day = try #require(today)
        return try loaded(alpha: alpha, others: others).check(today: day).filter { $0.rule == .citation }.map(\.message)
    }

    @Test func aPrimarySourceOnItsPublishersHostPasses() throws {
        #expect(try citationProblems(alpha: [Self.source("https://gov.uk/government/y", publisher: "gov_uk")]).isEmpty)
    }

    @Test func aCitationOnAnotherHostThanItsPublisherIsRefused() throws {
        let found = try citationProblems(alpha: [
            Self.source("https://fly1.mirror.example/government/publications/x", publisher: "gov_uk"),
            Self.source("https://www.gov.uk/guidance/x", publisher: "gov_uk"),
        ])
        #expect(found.count == 1)
        #expect(found.first?.contains("fly1.mirror.example") == true)
    }

    @Test func aSourceWithoutOrWithAnUnknownPublisherIsRefused() throws {
        let found = try citationProblems(
            alpha: [
                Self.source("https://www.gov.uk/a", publisher: nil),
                Self.source("https://www.gov.uk/b", publisher: "home_office_typo"),
                Self.source("https://www.gov.uk/c", publisher: "gov_uk"),
            ],
            others: Array(repeating: Self.source("https://www.gov.uk/d", publisher: "gov_uk"), count: 5)
        )
        #expect(found.count == 2)
        #expect(found.contains { $0.contains("names no publisher") })
        #expect(found.contains { $0.contains("home_office_typo") })
    }

    @Test func aNonPrimaryPublisherMustBeMarkedSecondary() throws {
        let unmarked = try citationProblems(
            alpha: [
                Self.source("https://tradenews.example/story", publisher: "trade_news"),
                Self.source("https://www.gov.uk/c", publisher: "gov_uk"),
            ],
            others: Array(repeating: Self.source("https://www.gov.uk/d", publisher: "gov_uk"), count: 4)
        )
        #expect(unmarked.count == 1)
        #expect(unmarked.first?.contains("secondary: true") == true)
        let marked = try citationProblems(
            alpha: [
                Self.source("https://tradenews.example/story", publisher: "trade_news", secondary: true),
                Self.source("https://www.gov.uk/c", publisher: "gov_uk"),
            ],
            others: Array(repeating: Self.source("https://www.gov.uk/d", publisher: "gov_uk"), count: 4)
        )
        #expect(marked.isEmpty, "\(marked)")
    }

    @Test func anArticleWithoutAPrimarySourceAndATooLowShareAreProblems() throws {
        let found = try citationProblems(alpha: [
            Self.source("https://tradenews.example/story", publisher: "trade_news", secondary: true)
        ])
        #expect(found.contains { $0.contains("alpha_topic") && $0.contains("no primary source") })
        // 2 of 3 citations primary: 66.7% < 80%.
        #expect(found.contains { $0.contains("2 of 3 citations are primary (66.7%)") })
    }

    @Test func theShareCountsPrimaryPublishersNotMarkedSecondary() throws {
        let knowledge = try loaded(alpha: [
            Self.source("https://www.gov.uk/a", publisher: "gov_uk"),
            Self.source("https://www.gov.uk/b", publisher: "gov_uk", secondary: true),
        ])
        let list = try #require(knowledge.publishers?.value)
        let summary = CitationCheck(publishers: list).summary(knowledge.reviews)
        #expect(summary.citations == 4)
        #expect(summary.primary == 3)
    }

    @Test func withoutAPublisherListTheRuleDoesNotRun() throws {
        let day = try #require(today)
        let problems = try TemporaryDirectory.with { directory in
            try KnowledgeFixture.write(into: directory)
            return KnowledgeDirectory(root: directory.url).load().check(today: day)
        }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func hostIgnoresWWWCaseAndPort() {
        let citation = ArticleReview.Citation(
            title: "t",
            url: "https://WWW.Gov.UK:443/x?y",
            publisher: nil,
            secondary: false
        )
        #expect(citation.host == "gov.uk")
    }
}
