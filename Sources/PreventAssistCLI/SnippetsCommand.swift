import ArgumentParser
import AssistantCore
import AssistantService
import Foundation
import KnowledgeLoader
import Storage

/// `prevent-assist snippets`: good-practice snippets on the host: moderation, search, and signed exchange with other
/// institutions. Moderation commands act as `--as IDENTITY` (default `cli:$USER`), which must be a configured
/// moderator; every change is kept in the snippet's history.
struct SnippetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snippets",
        abstract: "Good-practice snippets: moderate, search, export and import.",
        subcommands: [
            List.self, Show.self, Approve.self, Reject.self, Edit.self, Search.self, Export.self, Import.self,
            Key.self, Bench.self,
        ]
    )

    /// Options shared by every `snippets` command.
    struct Options: ParsableArguments {
        @Option(name: .long, help: "Data directory (default: $XDG_DATA_HOME/prevent-assist).")
        var data: String?

        @Option(name: .long, help: "Institution configuration file (moderators, signing key, trusted institutions).")
        var config: String?

        @Option(name: .long, help: "Knowledge base folder (default: the shipped content), for the shipped snippets.")
        var kb: String?

        @Option(name: .customLong("as"), help: "Who is acting, e.g. console:alex (default: cli:$USER).")
        var actor: String?

        var actorName: String { actor ?? "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "host")" }

        var now: Int64 { Int64(Date().timeIntervalSince1970) }

        func configuration() throws -> InstitutionConfiguration {
            try AssistantSetup.loadConfiguration(AssistantSetup.configurationFile(explicit: config))
        }

        func directory(_ configuration: InstitutionConfiguration) -> DataDirectory {
            DataDirectory.resolve(explicit: data, configured: configuration.dataDirectory)
        }

        func store(_ configuration: InstitutionConfiguration) throws -> SnippetStore {
            SnippetStore(database: try DataStore.open(directory(configuration), logger: CommandLogging.logger()))
        }

        /// The shipped snippets.
        func seeds() throws -> [SnippetRecord] {
            KnowledgeDirectory(root: try ContentLocator().knowledgeRoot(explicit: kb)).load().knowledgeBase.snippets
        }

        /// The acting moderator, after checking the configuration lists them.
        func moderator(_ configuration: InstitutionConfiguration) throws -> String {
            let settings = configuration.snippets
            guard !settings.moderators.isEmpty else {
                throw ValidationError("no snippet moderators are configured (snippets.moderators in the configuration)")
            }
            guard settings.isModerator(actorName) else {
                throw ValidationError(
                    "\(actorName) is not a snippet moderator; pass --as with an identity listed under snippets.moderators"
                )
            }
            return actorName
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored snippets: id, status, title, author.")
        @OptionGroup var options: Options
        @Option(name: .long, help: "pending, approved, rejected (default: all).") var status: String?

        func run() throws {
            let wanted = try status.map { text in
                guard let status = SnippetRecord.Status(rawValue: text) else {
                    throw ValidationError("--status must be pending, approved or rejected")
                }
                return status
            }
            let snippets = try options.store(options.configuration()).list(status: wanted)
            if snippets.isEmpty { print("No snippets.") }
            for stored in snippets {
                let origin = stored.originInstitution.map { "imported from \($0)" } ?? stored.author
                print("\(stored.id) \(stored.status.rawValue) \"\(stored.record.snippet.title)\" (\(origin))")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one snippet with its history.")
        @OptionGroup var options: Options
        @Argument(help: "The id, e.g. GP-0001, or a shipped snippet's id.") var id: String

        func run() throws {
            let wanted = SnippetCommand.snippetID(in: id) ?? id
            if let seed = try options.seeds().first(where: { $0.id == wanted }) {
                print(SnippetText.detail(seed))
                return
            }
            let store = try options.store(options.configuration())
            guard let stored = try store.snippet(wanted) else { throw ValidationError("no snippet \(wanted)") }
            print(SnippetText.detail(stored.record))
            print("Author: \(stored.author)")
            print("History:")
            for event in try store.events(wanted) { print("  " + SnippetText.event(event)) }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a snippet: it becomes searchable.")
        @OptionGroup var options: Options
        @Argument(help: "The id.") var id: String

        func run() throws {
            let configuration = try options.configuration()
            let actor = try options.moderator(configuration)
            let wanted = SnippetCommand.snippetID(in: id) ?? id
            try options.store(configuration).approve(wanted, actor: actor, at: options.now)
            print("Approved \(wanted).")
        }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reject a snippet; the author is told the reason.")
        @OptionGroup var options: Options
        @Option(name: .long, help: "Why, for the author.") var reason: String
        @Argument(help: "The id.") var id: String

        func run() throws {
            let configuration = try options.configuration()
            let actor = try options.moderator(configuration)
            let wanted = SnippetCommand.snippetID(in: id) ?? id
            try options.store(configuration).reject(wanted, reason: reason, actor: actor, at: options.now)
            print("Rejected \(wanted).")
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a snippet's title, text or tags (checked again for personal data; kept in its history)."
        )
        @OptionGroup var options: Options
        @Option(name: .long) var title: String?
        @Option(name: .long, help: "What was done.") var what: String?
        @Option(name: .long, help: "Why it worked / what to watch.") var why: String?
        @Option(
            name: .long,
            help: "Comma-separated tags: \(SnippetTag.allCases.map(\.rawValue).joined(separator: ", "))."
        )
        var tags: String?
        @Argument(help: "The id.") var id: String

        func run() throws {
            let configuration = try options.configuration()
            let actor = try options.moderator(configuration)
            let parsedTags = try tags.map { text in
                try text.split(separator: ",").map { name in
                    guard let tag = SnippetTag(naming: String(name)) else {
                        throw ValidationError("unknown tag '\(name)'")
                    }
                    return tag
                }
            }
            let wanted = SnippetCommand.snippetID(in: id) ?? id
            try options.store(configuration).edit(
                wanted,
                title: title,
                whatWasDone: what,
                whyItWorked: why,
                tags: parsedTags,
                actor: actor,
                at: options.now
            )
            print("Edited \(wanted).")
        }
    }

    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Search shipped and approved snippets.")
        @OptionGroup var options: Options
        @Option(name: .long, help: "Only snippets with this tag.") var tag: String?
        @Option(name: .long, help: "How many results.") var limit = 5
        @Argument(help: "What to search for.") var query: [String] = []

        func run() throws {
            let wantedTag = try tag.map { name in
                guard let tag = SnippetTag(naming: name) else { throw ValidationError("unknown tag '\(name)'") }
                return tag
            }
            let configuration = try options.configuration()
            let desk = SnippetDesk(
                database: try DataStore.open(options.directory(configuration), logger: CommandLogging.logger()),
                seeds: try options.seeds(),
                settings: configuration.snippets
            )
            let results = try desk.search(query.joined(separator: " "), tag: wantedTag, limit: limit)
            if results.isEmpty { print("No matching snippets.") }
            for (index, record) in results.enumerated() {
                print(
                    "\(index + 1). \(record.id) \"\(record.snippet.title)\" [\(record.snippet.tags.map(\.rawValue).joined(separator: ","))]"
                )
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write approved, shareable snippets written here as a bundle signed with this institution's key."
        )
        @OptionGroup var options: Options
        @Option(name: .long, help: "The bundle file to write.") var out: String

        func run() throws {
            let configuration = try options.configuration()
            guard let institution = configuration.institution[.name] else {
                throw ValidationError("set institution.name in the configuration: bundles carry it as attribution")
            }
            let store = try options.store(configuration)
            let key = try SnippetText.signingKey(configuration, directory: options.directory(configuration))
            let bundle = try store.exportBundle(
                institution: institution,
                key: key,
                today: CalendarDate(unixSeconds: options.now)
            )
            try bundle.fileBytes().write(to: URL(fileURLWithPath: out))
            print("Exported \(bundle.snippets.count) snippets from \(institution) to \(out).")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a bundle from a trusted institution and queue its snippets for local moderation.",
            discussion: """
                The bundle's public key must be listed under snippets.trusted_institutions with the same name, and \
                its signature must verify; otherwise nothing is imported. Snippets already here are skipped.
                """
        )
        @OptionGroup var options: Options
        @Argument(help: "The bundle file.") var file: String

        func run() throws {
            let configuration = try options.configuration()
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let hashes = Set(try options.seeds().map { SnippetStore.contentHash($0.snippet) })
            let result: SnippetStore.ImportResult
            do {
                result = try options.store(configuration).importBundle(
                    data,
                    trusted: configuration.snippets.trustedInstitutions,
                    knownHashes: hashes,
                    actor: options.actorName,
                    at: options.now
                )
            } catch {
                throw ServiceError("refused \(file): \(error). Nothing was imported.")
            }
            print(
                "Imported \(result.imported.count) snippets from \(result.institution) for moderation"
                    + (result.imported.isEmpty ? "" : " (\(result.imported.joined(separator: ", ")))")
                    + "; \(result.duplicates) already here."
            )
        }
    }

    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print this institution's public key, for other institutions' trusted_institutions."
        )
        @OptionGroup var options: Options

        func run() throws {
            let configuration = try options.configuration()
            let directory = options.directory(configuration)
            try directory.prepare()
            print(try SnippetText.signingKey(configuration, directory: directory).publicKeyBase64)
        }
    }
}

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
                let object: [String: Any] = [
                    "corpus": report.corpusSize, "queries": report.queries, "build_ms": report.buildMilliseconds,
                    "median_ms": report.medianMilliseconds, "p99_ms": report.p99Milliseconds,
                    "top3_precision": report.topThreePrecision,
                    "top3_precision_seeds_only": report.topThreePrecisionSeedsOnly, "misses": report.misses,
                    "realistic": [
                        "corpus": ranking.corpusSize, "queries": ranking.queries, "top1": ranking.topOne,
                        "top3": ranking.topThree, "mrr": ranking.meanReciprocalRank, "misses": ranking.misses,
                        "meaning": embedder != nil,
                    ] as [String: Any],
                    "realistic_words_only": [
                        "top1": wordsOnly.topOne, "top3": wordsOnly.topThree, "mrr": wordsOnly.meanReciprocalRank,
                    ],
                ]
                let encoded = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
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
