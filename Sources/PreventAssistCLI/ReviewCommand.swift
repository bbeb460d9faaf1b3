import ArgumentParser
import AssistantCore
import AssistantService
import CommandLineSupport
import Foundation
import KnowledgeLoader
import Storage

/// `prevent-assist review`: the questions the assistant could not answer well, clustered, for a person to turn into
/// content. The host user (`cli:<login name>`) must be a safeguarding lead, the Prevent lead or a snippet
/// moderator; every decision is recorded with who and when.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review questions the assistant could not answer: list clusters, accept into an intent, ignore.",
        discussion: """
            Kept questions are de-identified (names, emails, phone numbers, IDs, dates and rooms replaced by \
            [name], [email], [phone], [id], [date], [room]) and carry no user or conversation. 'accept' appends a \
            cluster's examples to the intent's YAML under the content directory (--kb) as a change to review with \
            'git diff' and 'prevent-assist kb check'; the model retrains for the new content when the service \
            restarts. Nothing changes silently. The host user must be listed under roles.safeguarding_leads, \
            roles.prevent_lead or snippets.moderators.
            """,
        subcommands: [List.self, Show.self, Accept.self, Ignore.self, History.self]
    )

    /// Options shared by every `review` command.
    struct Options: ParsableArguments {
        @Option(name: .long, help: "Data directory (default: $XDG_DATA_HOME/prevent-assist).")
        var data: String?

        @Option(name: .long, help: "Institution configuration file (roles, snippets.moderators).")
        var config: String?

        @Option(name: .long, help: "Knowledge base folder with intents/ (default: the shipped content).")
        var kb: String?

        var now: Int64 { UnixClock.system.seconds }

        /// The acting reviewer (the host user), after checking their role; and the store.
        func reviewer() throws -> (actor: String, database: AppDatabase) {
            let configuration = try AssistantSetup.loadConfiguration(AssistantSetup.configurationFile(explicit: config))
            let actor = HostIdentity.current
            guard configuration.roles.isLead(actor) || configuration.snippets.isModerator(actor) else {
                throw ValidationError(
                    "\(actor) may not review kept questions: list it under roles.safeguarding_leads, "
                        + "roles.prevent_lead or snippets.moderators in the configuration (--config)"
                )
            }
            let directory = DataDirectory.resolve(explicit: data, configured: configuration.dataDirectory)
            return (actor, try DataStore.open(directory, logger: CommandLogging.logger()))
        }

        func root() throws -> URL { try ContentLocator().knowledgeRoot(explicit: kb) }

        func queue(_ database: AppDatabase) throws -> ReviewQueue {
            ReviewQueue(
                database: database,
                embedder: TokenVectorsFile.load(near: try root()).map(TokenVectorEmbedder.init)
            )
        }

        func cluster(_ id: String, in queue: ReviewQueue) throws -> QuestionCluster {
            guard let cluster = try queue.cluster(id) else {
                throw ValidationError("no open cluster \(id); 'prevent-assist review list' shows the current ones")
            }
            return cluster
        }
    }

    static func summary(_ cluster: QuestionCluster) -> String {
        let nearest = cluster.nearestIntents.map { "\($0.intent) (\(String(format: "%.2f", $0.score)))" }
        return "\(cluster.id): \(cluster.count) question\(cluster.count == 1 ? "" : "s"); nearest: "
            + (nearest.isEmpty ? "none" : nearest.joined(separator: ", "))
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Clusters of open kept questions, largest first.")
        @OptionGroup var options: Options
        @Option(name: .long, help: "Examples shown per cluster.") var examples = 3
        @Flag(name: .long, help: "Also list clusters of one or two questions.") var all = false

        func run() throws {
            let (_, database) = try options.reviewer()
            let queue = try options.queue(database)
            let clusters = try queue.clusters()
            let shown = all ? clusters : clusters.filter { $0.count >= 3 }
            let open = clusters.reduce(0) { $0 + $1.count }
            let unkept = try queue.store.unkeptCounts().values.reduce(0, +)
            print(
                "\(shown.count) cluster\(shown.count == 1 ? "" : "s") of 3 or more; \(open) open kept question"
                    + "\(open == 1 ? "" : "s") in \(clusters.count) cluster\(clusters.count == 1 ? "" : "s"); "
                    + "\(unkept) not kept (read like an individual case)"
            )
            for cluster in shown {
                print(ReviewCommand.summary(cluster))
                for member in cluster.members.prefix(max(0, examples)) {
                    print("  - \(ControlCharacters.visible(member.text))")
                }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every question in one cluster.")
        @OptionGroup var options: Options
        @Argument(help: "The cluster, e.g. C12.") var cluster: String

        func run() throws {
            let (_, database) = try options.reviewer()
            let queue = try options.queue(database)
            let found = try options.cluster(cluster, in: queue)
            let kept = Dictionary(uniqueKeysWithValues: try queue.store.questions(status: "open").map { ($0.id, $0) })
            print(ReviewCommand.summary(found))
            for member in found.members {
                let detail = kept[member.id].map {
                    " [\($0.question.reason.rawValue), \($0.question.day), \($0.question.platform)]"
                }
                print("  \(member.id): \(ControlCharacters.visible(member.text))\(detail ?? "")")
            }
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Append a cluster's questions to an intent's examples (a file change to review)."
        )
        @OptionGroup var options: Options
        @Argument(help: "The cluster, e.g. C12.") var cluster: String
        @Option(name: .long, help: "The intent whose examples grow.") var intent: String

        func run() throws {
            let (actor, database) = try options.reviewer()
            let root = try options.root()
            let before = KnowledgeDirectory(root: root).load()
            guard before.intents.contains(where: { $0.value.id == intent }) else {
                throw ValidationError("no intent '\(intent)' in \(root.path)/intents")
            }
            let queue = try options.queue(database)
            let found = try options.cluster(cluster, in: queue)
            let today = KBCheckCommand.currentDate() ?? CalendarDate(unixSeconds: options.now)
            let known = Set(before.check(today: today).map(\.description))
            let change = try IntentExampleWriter(root: root).append(found.members.map(\.text), to: intent)
            let introduced = KnowledgeDirectory(root: root).load().check(today: today)
                .filter { !known.contains($0.description) }
            if !introduced.isEmpty {
                try IntentExampleWriter.revert(change)
                for problem in introduced { print(problem) }
                throw ValidationError("the change would not pass 'kb check'; nothing was changed or recorded")
            }
            try LearningStore(database: database).decide(
                cluster: found.id,
                questionIDs: found.members.map(\.id),
                action: "accepted",
                intent: intent,
                actor: actor,
                at: options.now
            )
            print(
                "\(found.id) accepted into \(intent) by \(actor): \(change.added.count) example(s) added to \(change.file.path)"
            )
            for example in change.added { print("+ \(ControlCharacters.visible(example))") }
            if change.added.count < found.count {
                print("(\(found.count - change.added.count) left out: an intent already has them)")
            }
            print("Review the change (git diff), run 'prevent-assist kb check', then restart: the model retrains.")
        }
    }

    struct Ignore: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Hide a cluster from the queue (recorded).")
        @OptionGroup var options: Options
        @Argument(help: "The cluster, e.g. C12.") var cluster: String

        func run() throws {
            let (actor, database) = try options.reviewer()
            let found = try options.cluster(cluster, in: try options.queue(database))
            try LearningStore(database: database).decide(
                cluster: found.id,
                questionIDs: found.members.map(\.id),
                action: "ignored",
                intent: nil,
                actor: actor,
                at: options.now
            )
            print("\(found.id) ignored by \(actor): \(found.count) question(s) hidden")
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every review decision: when, who, what.")
        @OptionGroup var options: Options

        func run() throws {
            let (_, database) = try options.reviewer()
            let decisions = try LearningStore(database: database).decisions()
            if decisions.isEmpty { print("No review decisions.") }
            for decision in decisions {
                let into = decision.intent.map { " into \($0)" } ?? ""
                print(
                    "\(Self.time(decision.at)) UTC \(decision.actor) \(decision.action) "
                        + "\(decision.cluster)\(into) (\(decision.questionIDs.count) question(s))"
                )
            }
        }

        /// `time` (Unix seconds) as "2026-12-07 14:05".
        static func time(_ time: Int64) -> String {
            let minutes = ((time % 86_400) + 86_400) % 86_400 / 60
            return "\(CalendarDate(unixSeconds: time)) " + String(format: "%02d:%02d", minutes / 60, minutes % 60)
        }
    }
}
