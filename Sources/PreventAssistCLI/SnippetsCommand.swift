import ArgumentParser
import AssistantCore
import AssistantService
import CommandLineSupport
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

        var now: Int64 { UnixClock.system.seconds }

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
}
