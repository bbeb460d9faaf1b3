import AssistantEvaluation

/// `snippets bench --json`: the latency run's figures at the top, the realistic corpus's ranking beside them, and the
/// same ranking by words alone.
struct SnippetBenchJSON: Encodable {
    /// The ranking on the realistic corpus.
    struct Ranking: Encodable {
        let corpus: Int
        let queries: Int
        let top1: Double
        let top3: Double
        let mrr: Double
        let misses: [String]
        /// Whether the token vectors ranked by meaning (false: the vectors were not found, words alone).
        let meaning: Bool
    }

    /// The same ranking by words alone.
    struct WordsOnly: Encodable {
        let top1: Double
        let top3: Double
        let mrr: Double
    }

    let corpus: Int
    let queries: Int
    let buildMilliseconds: Double
    let medianMilliseconds: Double
    let p99Milliseconds: Double
    let topThreePrecision: Double
    let topThreePrecisionSeedsOnly: Double
    let misses: [String]
    let realistic: Ranking
    let realisticWordsOnly: WordsOnly

    enum CodingKeys: String, CodingKey {
        case corpus, queries, misses, realistic
        case buildMilliseconds = "build_ms"
        case medianMilliseconds = "median_ms"
        case p99Milliseconds = "p99_ms"
        case topThreePrecision = "top3_precision"
        case topThreePrecisionSeedsOnly = "top3_precision_seeds_only"
        case realisticWordsOnly = "realistic_words_only"
    }

    init(
        latency: SnippetBenchmark.Report,
        ranking: SnippetBenchmark.Quality,
        wordsOnly: SnippetBenchmark.Quality,
        meaning: Bool
    ) {
        corpus = latency.corpusSize
        queries = latency.queries
        buildMilliseconds = latency.buildMilliseconds
        medianMilliseconds = latency.medianMilliseconds
        p99Milliseconds = latency.p99Milliseconds
        topThreePrecision = latency.topThreePrecision
        topThreePrecisionSeedsOnly = latency.topThreePrecisionSeedsOnly
        misses = latency.misses
        realistic = Ranking(
            corpus: ranking.corpusSize,
            queries: ranking.queries,
            top1: ranking.topOne,
            top3: ranking.topThree,
            mrr: ranking.meanReciprocalRank,
            misses: ranking.misses,
            meaning: meaning
        )
        realisticWordsOnly = WordsOnly(
            top1: wordsOnly.topOne,
            top3: wordsOnly.topThree,
            mrr: wordsOnly.meanReciprocalRank
        )
    }
}
