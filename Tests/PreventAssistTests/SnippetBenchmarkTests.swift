import AssistantCore
import AssistantEvaluation
import AssistantService
import Foundation
import KnowledgeLoader
import Testing

/// The search benchmark's inputs and figures: the realistic corpus file is read strictly, and ranking figures are
/// computed from where each labelled snippet lands.
struct SnippetBenchmarkTests {
    static let corpus = """
        id\ttitle\ttags\ttext
        # fictional practice, benchmark data only
        speaker-deadline\tSpeaker forms due ten working days ahead\texternal_speakers_and_events\tBookings team asks for the form two weeks early.
        speaker-chair\tAn independent chair for contentious debates\texternal_speakers_and_events,student_engagement\tA senior academic chairs debates where opposing views meet.
        induction-briefing\tSafeguarding at staff induction\ttraining\tNew staff meet the safeguarding team in their first week.
        """

    @Test func theCorpusFileIsReadInOrderWithItsTags() throws {
        let records = try SnippetCorpusFile.read(Self.corpus)
        #expect(records.map(\.id) == ["speaker-deadline", "speaker-chair", "induction-briefing"])
        #expect(records[1].snippet.tags == [.externalSpeakersAndEvents, .studentEngagement])
        #expect(records[2].snippet.whatWasDone == "New staff meet the safeguarding team in their first week.")
        #expect(records.allSatisfy { $0.status == .approved })
    }

    @Test(arguments: [
        ("a\tb\ttraining\n", "line 1: expected id<TAB>title<TAB>tags<TAB>text"),
        ("a\tb\ttraining\t\n", "line 1: expected id<TAB>title<TAB>tags<TAB>text"),
        ("a\tb\tspeakers\tc\n", "line 1: unknown tag 'speakers'"),
        ("a\tb\ttraining\tc\na\td\ttraining\te\n", "line 2: snippet id 'a' appears twice"),
    ])
    func aBadLineIsRefusedByNumber(text: String, message: String) {
        #expect(throws: ServiceError.self) { try SnippetCorpusFile.read(text) }
        do {
            _ = try SnippetCorpusFile.read(text)
        } catch {
            #expect(error.description.hasPrefix(message))
        }
    }

    @Test func figuresFollowTheRankOfEachLabelledSnippet() throws {
        let records = try SnippetCorpusFile.read(Self.corpus)
        let queries = [
            SnippetBenchmark.Query(text: "who chairs a contentious debate", expected: "speaker-chair"),
            SnippetBenchmark.Query(text: "new staff first week safeguarding", expected: "induction-briefing"),
            // Shares no word with its snippet: not found at all.
            SnippetBenchmark.Query(text: "zebra quantum", expected: "speaker-deadline"),
        ]
        let quality = try SnippetBenchmark.quality(of: records, queries: queries, embedder: nil)
        #expect(quality.corpusSize == 3)
        #expect(quality.topOne == 2.0 / 3)
        #expect(quality.topThree == 2.0 / 3)
        #expect(quality.meanReciprocalRank == 2.0 / 3)
        #expect(quality.misses == ["zebra quantum"])
    }

    @Test func aQueryLabelledWithAnUnknownSnippetIsAnError() throws {
        let records = try SnippetCorpusFile.read(Self.corpus)
        let queries = [SnippetBenchmark.Query(text: "speaker forms", expected: "no-such-snippet")]
        #expect(throws: ServiceError.self) {
            try SnippetBenchmark.quality(of: records, queries: queries, embedder: nil)
        }
    }
}

/// The shipped vectors on the benchmark's realistic corpus: meaning must rank better than words alone, or it is not
/// worth its place in the search.
struct SnippetMeaningBenchmarkTests {
    @Test func theShippedVectorsRankTheRealisticCorpusBetterThanWordsAlone() throws {
        let root = Repository.root
        func text(_ path: String) throws -> String {
            try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        }
        let corpus =
            Repository.loaded.knowledgeBase.snippets
            + (try SnippetCorpusFile.read(try text("bench/snippet-corpus.tsv")))
        let queries =
            try SnippetBenchmark.readQueries(try text("bench/snippet-queries.tsv"))
            + SnippetBenchmark.readQueries(try text("bench/snippet-corpus-queries.tsv"))
        let embedder = try #require(TokenVectorEmbedder.shipped, "the shipped vectors (models/) must load")
        let meaning = try SnippetBenchmark.quality(of: corpus, queries: queries, embedder: embedder)
        let words = try SnippetBenchmark.quality(of: corpus, queries: queries, embedder: nil)
        #expect(meaning.meanReciprocalRank > words.meanReciprocalRank)
        #expect(meaning.topThree >= words.topThree)
    }
}
