import AssistantCore
import Testing

/// Search over snippets: paraphrases find the right one, the tag filter, and bounded feedback.
struct SnippetSearchIndexTests {
    static func record(_ id: String, _ title: String, _ text: String, _ tags: [SnippetTag]) -> SnippetRecord {
        SnippetRecord(
            id: id,
            snippet: Snippet(title: title, whatWasDone: text, whyItWorked: "It helped staff.", tags: tags),
            status: .approved
        )
    }

    static let records = [
        record(
            "speakers",
            "A checklist for external speaker requests",
            "Societies submit every visiting speaker through one form. The events team checks it within a week.",
            [.externalSpeakersAndEvents]
        ),
        record(
            "posters",
            "Posters naming the safeguarding lead",
            "Posters in staffrooms name the designated safeguarding lead. A newsletter repeats it every term.",
            [.training]
        ),
        record(
            "filter",
            "A research exception route for the web filter",
            "Researchers ask the IT service desk for access to blocked sites. Ethics approval comes first.",
            [.itAndResearch]
        ),
        record(
            "prayer",
            "A published prayer room policy",
            "The chaplaincy publishes how the faith rooms are managed. An oversight committee deals with problems.",
            [.chaplaincyAndFaith]
        ),
    ]

    @Test(arguments: [
        ("how do you vet guest lecturers invited by student societies", "speakers"),
        ("making sure staff know who the DSL is", "posters"),
        ("getting access to blocked websites for a PhD", "filter"),
        ("rules for multifaith prayer spaces", "prayer"),
        ("visiting talks", "speakers"),
    ])
    func paraphrasesFindTheRightSnippet(_ query: String, _ expected: String) {
        let hits = SnippetSearchIndex(Self.records).search(query, limit: 3)
        #expect(hits.first?.id == expected, "\(query) → \(hits.map(\.id))")
    }

    @Test func tagFilterKeepsOnlyTaggedSnippets() {
        let index = SnippetSearchIndex(Self.records)
        #expect(index.search("staff", tag: .itAndResearch).map(\.id) == ["filter"])
        #expect(index.search("", tag: .training).map(\.id) == ["posters"])
        #expect(index.search("speaker", tag: .training).isEmpty)
        #expect(index.search("").isEmpty)
        #expect(index.search("what is the best way").isEmpty)
    }

    @Test func feedbackReordersCloseMatchesButCannotBuryAStrongOne() {
        let close = [
            Self.record(
                "a",
                "Staff briefing pack",
                "A short briefing pack for staff. It is used at induction.",
                [.training]
            ),
            Self.record(
                "b",
                "Staff briefing slides",
                "Slides for a staff briefing. They are used at induction.",
                [.training]
            ),
        ]
        let neutral = SnippetSearchIndex(close).search("staff briefing induction")
        let favoured = neutral[1].id
        let boosted = SnippetSearchIndex(close)
            .search("staff briefing induction", feedback: [favoured: .init(useful: 10, notUseful: 0)])
        #expect(boosted.first?.id == favoured)

        let strongAndWeak = [
            Self.record(
                "strong",
                "Prayer room policy",
                "Our prayer room policy covers the prayer rooms. Prayer room use is open to all.",
                [.chaplaincyAndFaith]
            ),
            Self.record(
                "weak",
                "Welcome week",
                "A welcome week stall. Chaplaincy volunteers mention the prayer room and its policy.",
                [.studentEngagement]
            ),
        ]
        let plain = SnippetSearchIndex(strongAndWeak).search("prayer room policy")
        #expect(plain.map(\.id) == ["strong", "weak"], "both pass the word floor")
        #expect(plain[0].textScore > plain[1].textScore * 1.5)
        let skewed = SnippetSearchIndex(strongAndWeak).search(
            "prayer room policy",
            feedback: ["strong": .init(useful: 0, notUseful: 1_000), "weak": .init(useful: 1_000, notUseful: 0)]
        )
        #expect(skewed.first?.id == "strong")
        for count in [0, 1, 5, 50, 10_000] {
            let up = SnippetSearchIndex.Feedback(useful: count, notUseful: 0).factor
            let down = SnippetSearchIndex.Feedback(useful: 0, notUseful: count).factor
            #expect(up <= 1 + SnippetSearchIndex.feedbackBand && down >= 1 - SnippetSearchIndex.feedbackBand)
        }
    }

    @Test func stemmerJoinsInflections() {
        #expect(SearchAnalyzer.stem("speakers") == SearchAnalyzer.stem("speaker"))
        #expect(SearchAnalyzer.stem("training") == SearchAnalyzer.stem("trained"))
        #expect(SearchAnalyzer.stem("sharing") == SearchAnalyzer.stem("shared"))
        #expect(SearchAnalyzer.stem("policies") == SearchAnalyzer.stem("policy"))
    }
}
