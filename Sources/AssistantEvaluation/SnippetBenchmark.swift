public import AssistantCore
public import AssistantService
import Foundation
import TextNormalization

/// The good-practice search benchmark: the shipped snippets hidden among deterministic synthetic ones (words drawn
/// from the shipped snippets' own vocabulary, mixed across snippets, plus filler), a labelled set of paraphrased
/// queries, and the figures: median and p99 query latency, and top-3 precision (the share of queries whose labelled
/// snippet is among the first three results).
public struct SnippetBenchmark: Sendable {
    /// One labelled query.
    public struct Query: Sendable, Hashable {
        public let text: String
        public let expected: String

        public init(text: String, expected: String) {
            self.text = text
            self.expected = expected
        }
    }

    /// What a run measured.
    public struct Report: Sendable, Hashable {
        public let corpusSize: Int
        public let queries: Int
        public let buildMilliseconds: Double
        public let medianMilliseconds: Double
        public let p99Milliseconds: Double
        /// Share of queries whose labelled snippet is in the top 3, among all snippets.
        public let topThreePrecision: Double
        /// The same among the shipped snippets alone (no synthetic ones).
        public let topThreePrecisionSeedsOnly: Double
        /// Queries whose labelled snippet was not in the top 3 (among all), for inspection.
        public let misses: [String]
    }

    public let seeds: [SnippetRecord]
    public let queries: [Query]
    /// Meaning for ranking, as the chat's search uses it; `nil` for words alone.
    public let embedder: (any TextEmbedder)?

    public init(seeds: [SnippetRecord], queries: [Query], embedder: (any TextEmbedder)?) {
        self.seeds = seeds
        self.queries = queries
        self.embedder = embedder
    }

    /// Reads `query<TAB>expected id` lines (a header line starting with `query` and `#` comments are skipped).
    public static func readQueries(_ text: String) throws(ServiceError) -> [Query] {
        var queries: [Query] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("query\t") { continue }
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 2, !columns[0].isEmpty, !columns[1].isEmpty else {
                throw ServiceError("line \(number + 1): expected query<TAB>snippet id")
            }
            queries.append(Query(text: String(columns[0]), expected: String(columns[1])))
        }
        return queries
    }

    /// How well search ranks each query's labelled snippet in one corpus.
    public struct Quality: Sendable, Hashable {
        public let corpusSize: Int
        public let queries: Int
        /// Share of queries whose labelled snippet comes first.
        public let topOne: Double
        /// Share of queries whose labelled snippet is among the first three.
        public let topThree: Double
        /// Mean of 1 / rank of the labelled snippet among the first ten (0 when it is not there).
        public let meanReciprocalRank: Double
        /// Queries whose labelled snippet was not among the first three, for inspection.
        public let misses: [String]
    }

    /// Runs the benchmark with `count` synthetic snippets, each query `repeats` times for the latency figures.
    public func run(count: Int, repeats: Int = 20) -> Report {
        let corpus = seeds + Self.synthetic(count: count, from: seeds)
        let clock = ContinuousClock()
        let buildStart = clock.now
        let index = SnippetSearchIndex(corpus, embedder: embedder)
        let buildTime = clock.now - buildStart
        var latencies: [Double] = []
        for query in queries {
            for _ in 0..<max(1, repeats) {
                let start = clock.now
                _ = index.search(query.text, limit: 3)
                latencies.append(Self.milliseconds(clock.now - start))
            }
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double {
            guard !latencies.isEmpty else { return 0 }
            return latencies[min(latencies.count - 1, Int((Double(latencies.count - 1) * p).rounded()))]
        }
        let all = Self.quality(of: index, size: corpus.count, queries: queries)
        let seedsOnly = Self.quality(
            of: SnippetSearchIndex(seeds, embedder: embedder),
            size: seeds.count,
            queries: queries
        )
        return Report(
            corpusSize: corpus.count,
            queries: queries.count,
            buildMilliseconds: Self.milliseconds(buildTime),
            medianMilliseconds: percentile(0.5),
            p99Milliseconds: percentile(0.99),
            topThreePrecision: all.topThree,
            topThreePrecisionSeedsOnly: seedsOnly.topThree,
            misses: all.misses
        )
    }

    /// Search quality on `corpus` for `queries`, ranked with `embedder`'s meaning (or words alone).
    ///
    /// - Throws: ``ServiceError`` when a query is labelled with a snippet the corpus does not hold (it could never be
    ///   found, and would silently lower the figures).
    public static func quality(
        of corpus: [SnippetRecord],
        queries: [Query],
        embedder: (any TextEmbedder)?
    ) throws(ServiceError) -> Quality {
        let ids = Set(corpus.map(\.id))
        if let unknown = queries.first(where: { !ids.contains($0.expected) }) {
            throw ServiceError(
                "query '\(unknown.text)' names snippet '\(unknown.expected)', which is not in the corpus"
            )
        }
        return quality(of: SnippetSearchIndex(corpus, embedder: embedder), size: corpus.count, queries: queries)
    }

    private static func quality(of index: SnippetSearchIndex, size: Int, queries: [Query]) -> Quality {
        var first = 0
        var topThree = 0
        var reciprocalRanks = 0.0
        var misses: [String] = []
        for query in queries {
            let ranked = index.search(query.text, limit: 10).map(\.id)
            let rank = ranked.firstIndex(of: query.expected).map { $0 + 1 }
            if rank == 1 { first += 1 }
            if let rank, rank <= 3 { topThree += 1 } else { misses.append(query.text) }
            if let rank { reciprocalRanks += 1 / Double(rank) }
        }
        let total = Double(max(1, queries.count))
        return Quality(
            corpusSize: size,
            queries: queries.count,
            topOne: Double(first) / total,
            topThree: Double(topThree) / total,
            meanReciprocalRank: reciprocalRanks / total,
            misses: misses
        )
    }

    /// `count` synthetic snippets, the same every run: a title and text of words drawn from three shipped snippets
    /// at a time, with filler, and tags from one of them.
    public static func synthetic(count: Int, from seeds: [SnippetRecord]) -> [SnippetRecord] {
        guard !seeds.isEmpty else { return [] }
        let normalizer = TextNormalizer()
        let vocabularies = seeds.map { record in
            normalizer.tokens(
                record.snippet.title + " " + record.snippet.whatWasDone + " " + record.snippet.whyItWorked
            )
        }
        let filler = [
            "the", "team", "staff", "we", "new", "process", "each", "term", "through", "with", "regular", "clear",
            "approach", "colleagues", "across", "university", "service", "planning", "updated", "shared", "review",
            "local", "guidance", "simple", "checklist", "year", "support", "group", "meeting", "online",
        ]
        var random = SplitMix(seed: 20_261_129)
        var records: [SnippetRecord] = []
        records.reserveCapacity(count)
        for number in 0..<count {
            let sources = (0..<3).map { _ in Int(random.next() % UInt64(seeds.count)) }
            func words(_ n: Int) -> [String] {
                (0..<n).map { _ in
                    if random.next() % 3 == 0 { return filler[Int(random.next() % UInt64(filler.count))] }
                    let vocabulary = vocabularies[sources[Int(random.next() % 3)]]
                    return vocabulary.isEmpty ? "practice" : vocabulary[Int(random.next() % UInt64(vocabulary.count))]
                }
            }
            let snippet = Snippet(
                title: words(5 + Int(random.next() % 4)).joined(separator: " "),
                whatWasDone: words(30 + Int(random.next() % 30)).joined(separator: " ") + ".",
                whyItWorked: words(12 + Int(random.next() % 12)).joined(separator: " ") + ".",
                tags: seeds[sources[0]].snippet.tags
            )
            records.append(SnippetRecord(id: "synthetic-\(number)", snippet: snippet, status: .approved))
        }
        return records
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1_000 + Double(parts.attoseconds) / 1e15
    }
}

/// A small deterministic pseudo-random generator (SplitMix64), so the synthetic corpus is the same on every run.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
