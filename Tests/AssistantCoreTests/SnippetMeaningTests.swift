import AssistantCore
import Testing

/// Search with meaning: it reorders the snippets words found, and never adds one words did not find.
struct SnippetMeaningTests {
    /// Meaning by keyword: each axis is one idea, so a test says exactly how close two texts are.
    struct KeywordEmbedder: TextEmbedder {
        static let axes = [["late", "tardy", "cutoff"], ["chair", "heated", "neutral"]]

        func unitVector(_ text: String) -> [Float] {
            let words = text.lowercased().split { !$0.isLetter }.map(String.init)
            let raw = Self.axes.map { axis in Float(words.filter(axis.contains).count) }
            let length = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
            return length == 0 ? raw : raw.map { $0 / length }
        }
    }

    static func record(_ id: String, _ title: String, _ text: String) -> SnippetRecord {
        SnippetRecord(
            id: id,
            snippet: Snippet(title: title, whatWasDone: text, whyItWorked: "", tags: [.other]),
            status: .approved
        )
    }

    static let records = [
        // More of the question's words, other idea.
        record("chair", "Speaker events with a speaker chair", "A neutral chair holds speaker events that get heated."),
        // Fewer of its words, the idea asked about.
        record("deadline", "Speaker forms in good time", "Tardy submissions are chased; a cutoff applies."),
        // The same idea, but none of the question's words.
        record("zebra", "Zebra crossing", "Tardy cutoff."),
    ]

    static let question = "speaker events forms arriving late"

    @Test func meaningLiftsTheSnippetAboutTheIdeaAboveOneSharingMoreWords() {
        let words = SnippetSearchIndex(Self.records).search(Self.question, limit: 3).map(\.id)
        let meaning = SnippetSearchIndex(Self.records, embedder: KeywordEmbedder()).search(Self.question, limit: 3)
        #expect(words == ["chair", "deadline"])
        #expect(meaning.map(\.id) == ["deadline", "chair"])
        #expect(meaning[0].textScore < meaning[1].textScore, "the word score alone still favours the other")
    }

    @Test func meaningNeverAddsASnippetWordsDidNotFind() {
        let hits = SnippetSearchIndex(Self.records, embedder: KeywordEmbedder()).search(Self.question, limit: 3)
        #expect(!hits.map(\.id).contains("zebra"))
        #expect(SnippetSearchIndex(Self.records, embedder: KeywordEmbedder()).search("nothing known", limit: 3).isEmpty)
    }

    @Test func aSnippetUnderTheWordFloorStaysOutHoweverCloseInMeaning() {
        let records =
            Self.records + [
                Self.record(
                    "faint",
                    "Catering",
                    "Tardy tardy cutoff cutoff, and one mention of a speaker among many other words about catering "
                        + "menus rooms tables lighting cleaning parking signage cloakrooms furniture deliveries."
                )
            ]
        let index = SnippetSearchIndex(records, embedder: KeywordEmbedder())
        let all = SnippetSearchIndex(records).search(Self.question, limit: 10)
        let best = all.map(\.textScore).max() ?? 0
        let faint = all.first { $0.id == "faint" }
        // The premise: words found it, but under the floor.
        #expect(faint.map { $0.textScore < best * SnippetSearchIndex.relativeFloor } ?? true)
        #expect(!index.search(Self.question, limit: 10).map(\.id).contains("faint"))
    }
}
