import ArgumentParser
import AssistantCore
import AssistantEvaluation
import AssistantService
import CommandLineSupport
import Foundation
import KnowledgeLoader
import Storage

extension SnippetsCommand {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Search benchmark: latency among 10,000 snippets; ranking on a realistic corpus.",
            discussion: """
                Latency: builds COUNT synthetic snippets (deterministic, from the shipped snippets' vocabulary plus \
                filler), runs each labelled query (query<TAB>expected snippet id) 20 times, and prints the median and \
                p99 latency and the share of queries whose labelled snippet is in the top 3. Ranking: the shipped \
                snippets plus the realistic corpus (--corpus: id<TAB>title<TAB>tags<TAB>text, fictional practice \
                with clusters of near neighbours) with both query files; prints top-1, top-3 and mean reciprocal \
                rank. Use a release build.
                """
        )
        @Option(name: .long, help: "Knowledge base folder (default: the shipped content).") var kb: String?
        @Option(name: .long, help: "Synthetic snippets to add.") var count = 10_000
        @Option(name: .long, help: "Labelled queries for the shipped snippets (TSV).")
        var queries = "bench/snippet-queries.tsv"
        @Option(name: .long, help: "Realistic benchmark snippets (TSV).") var corpus = "bench/snippet-corpus.tsv"
        @Option(name: .long, help: "Labelled queries for the realistic corpus (TSV).")
        var corpusQueries = "bench/snippet-corpus-queries.tsv"
        @Flag(name: .long, help: "Print one JSON object.") var json = false

        func run() throws {
            let seeds = KnowledgeDirectory(root: try ContentLocator().knowledgeRoot(explicit: kb)).load()
                .knowledgeBase.snippets
            let labelled = try Self.read(queries) { text throws(ServiceError) in
                try SnippetBenchmark.readQueries(text)
            }
            let realistic = try Self.read(corpus) { text throws(ServiceError) in try SnippetCorpusFile.read(text) }
            let realisticQueries = try Self.read(corpusQueries) { text throws(ServiceError) in
                try SnippetBenchmark.readQueries(text)
            }
            let embedder = TokenVectorEmbedder.shipped
            let report = SnippetBenchmark(seeds: seeds, queries: labelled, embedder: embedder).run(count: count)
            let ranking = try SnippetBenchmark.quality(
                of: seeds + realistic,
                queries: labelled + realisticQueries,
                embedder: embedder
            )
            let wordsOnly = try SnippetBenchmark.quality(
                of: seeds + realistic,
                queries: labelled + realisticQueries,
                embedder: nil
            )
            if json {
                let figures = SnippetBenchJSON(
                    latency: report,
                    ranking: ranking,
                    wordsOnly: wordsOnly,
                    meaning: embedder != nil
                )
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let encoded = try encoder.encode(figures)
                print(String(decoding: encoded, as: UTF8.self))
                return
            }
            print(
                "snippets: \(report.corpusSize) (\(seeds.count) shipped + \(count) synthetic), queries: \(report.queries)"
            )
            print(String(format: "index build: %.1f ms", report.buildMilliseconds))
            print(
                String(
                    format: "query latency: median %.3f ms, p99 %.3f ms",
                    report.medianMilliseconds,
                    report.p99Milliseconds
                )
            )
            print(
                String(
                    format: "top-3 precision: %.1f%% (shipped snippets alone: %.1f%%)",
                    report.topThreePrecision * 100,
                    report.topThreePrecisionSeedsOnly * 100
                )
            )
            for miss in report.misses { print("  missed: \(miss)") }
            print(
                String(
                    format: "realistic corpus (%d snippets, %d queries): top-1 %.1f%%, top-3 %.1f%%, MRR %.3f%@",
                    ranking.corpusSize,
                    ranking.queries,
                    ranking.topOne * 100,
                    ranking.topThree * 100,
                    ranking.meanReciprocalRank,
                    embedder == nil ? " (vectors not found: words alone)" : ""
                )
            )
            print(
                String(
                    format: "  words alone: top-1 %.1f%%, top-3 %.1f%%, MRR %.3f",
                    wordsOnly.topOne * 100,
                    wordsOnly.topThree * 100,
                    wordsOnly.meanReciprocalRank
                )
            )
            for miss in ranking.misses { print("  missed: \(miss)") }
        }

        /// Parses the file at `path` with `parse`; an unreadable file or a parse error names the file.
        static func read<Value>(_ path: String, _ parse: (String) throws(ServiceError) -> Value) throws -> Value {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("cannot read \(path)")
            }
            do {
                return try parse(String(decoding: data, as: UTF8.self))
            } catch {
                throw ServiceError("\(path): \(error)")
            }
        }
    }
}
