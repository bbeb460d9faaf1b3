import ArgumentParser
import AssistantCore
import AssistantService
import Foundation
import KnowledgeLoader
import Storage

/// `prevent-assist concerns`: the safeguarding team's host-side tools. Everything here needs access to the host and
/// the data directory's key; every read is written to the records' chronology under the host user's name.
struct ConcernsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concerns",
        abstract: "Concern records, for the safeguarding team on the host.",
        subcommands: [
            List.self, Show.self, Update.self, Export.self, Audit.self, Alerts.self, Purge.self, RotateKey.self,
        ]
    )

    /// Options shared by every `concerns` command.
    struct Options: ParsableArguments {
        @Option(name: .long, help: "Data directory (default: $XDG_DATA_HOME/prevent-assist).")
        var data: String?

        @Option(name: .long, help: "Institution configuration file (roles, retention).")
        var config: String?

        @Option(name: .long, help: "Who is acting, for the audit (default: cli:$USER).")
        var actor: String?

        var actorName: String { actor ?? "cli:\(ProcessInfo.processInfo.environment["USER"] ?? "host")" }

        func configuration() throws -> InstitutionConfiguration {
            guard let file = AssistantSetup.configurationFile(explicit: config) else {
                return InstitutionConfiguration()
            }
            do {
                return try InstitutionConfiguration.load(from: file)
            } catch {
                throw ServiceError("configuration: \(error)")
            }
        }

        func database() throws -> AppDatabase {
            let configured = try configuration().dataDirectory
            return try DataStore.open(
                DataDirectory.resolve(explicit: data, configured: configured),
                logger: CommandLogging.logger()
            )
        }

        var now: Int64 { Int64(Date().timeIntervalSince1970) }
    }

    /// Output formats for listings and exports.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List records: reference, date, stage (no content).")
        @OptionGroup var options: Options
        @Option(name: .long, help: "table or json.") var format: Format = .table

        func run() throws {
            let summaries = try ConcernStore(database: options.database()).list(
                actor: options.actorName,
                at: options.now
            )
            switch format {
            case .json:
                print(try ConcernOutput.json(summaries.map(ConcernOutput.summaryObject)))
            case .table, .csv:
                if summaries.isEmpty { print("No concern records.") }
                for summary in summaries { print(ConcernOutput.summaryLine(summary)) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one record with its content (audited).")
        @OptionGroup var options: Options
        @Option(name: .long, help: "Why you are reading it, for the audit.") var reason = "host review"
        @Argument(help: "The reference, e.g. PC-2026-0001.") var reference: String

        func run() throws {
            let database = try options.database()
            let record = try ConcernStore(database: database).read(
                reference.uppercased(),
                actor: options.actorName,
                reason: reason,
                at: options.now
            )
            try AlertOutbox(database: database).acknowledge(reference: record.reference, at: options.now)
            print(ConcernOutput.recordText(record))
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Move a record along the pathway, set the ideology at triage, or add a note.",
            discussion: """
                Stages: \(ConcernStage.allCases.map(\.rawValue).joined(separator: ", ")). \
                Ideologies: \(IdeologyCategory.allCases.map(\.rawValue).joined(separator: ", ")). \
                Outcomes (when closing): \(ConcernResolution.allCases.map(\.rawValue).joined(separator: ", ")).
                """
        )
        @OptionGroup var options: Options
        @Option(name: .long, help: "The new stage.") var stage: String?
        @Option(name: .long, help: "The ideology category (set at triage).") var ideology: String?
        @Option(name: .long, help: "How it ended (with --stage closed).") var outcome: String?
        @Option(name: .long, help: "A note for the chronology (stored encrypted).") var note: String?
        @Argument(help: "The reference.") var reference: String

        func run() throws {
            func parse<T: RawRepresentable>(_ text: String?, _ name: String) throws -> T? where T.RawValue == String {
                guard let text else { return nil }
                guard let value = T(rawValue: text) else { throw ValidationError("unknown \(name) '\(text)'") }
                return value
            }
            let database = try options.database()
            try ConcernStore(database: database).update(
                reference.uppercased(),
                stage: try parse(stage, "stage"),
                ideology: try parse(ideology, "ideology"),
                resolution: try parse(outcome, "outcome"),
                note: note,
                actor: options.actorName,
                at: options.now
            )
            try AlertOutbox(database: database).acknowledge(reference: reference.uppercased(), at: options.now)
            print("Updated \(reference.uppercased()).")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Export every record with content (audited).")
        @OptionGroup var options: Options
        @Option(name: .long, help: "json or csv.") var format: Format = .json

        func run() throws {
            let records = try ConcernStore(database: options.database()).export(
                actor: options.actorName,
                at: options.now
            )
            switch format {
            case .csv: print(ConcernOutput.csv(records), terminator: "")
            case .json, .table: print(try ConcernOutput.json(records.map(ConcernOutput.recordObject)))
            }
        }
    }

    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a record's chronology, or (without a reference) access attempts that named no record."
        )
        @OptionGroup var options: Options
        @Argument(help: "The reference.") var reference: String?

        func run() throws {
            let store = try ConcernStore(database: options.database())
            let events =
                try reference.map { try store.audit($0.uppercased(), actor: options.actorName, at: options.now) }
                ?? store.generalAudit()
            for event in events { print(ConcernOutput.eventLine(event)) }
        }
    }

    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List alerts for the team; --ack ID acknowledges one."
        )
        @OptionGroup var options: Options
        @Option(name: .long, help: "Acknowledge this alert id.") var ack: Int64?

        func run() throws {
            let outbox = try AlertOutbox(database: options.database())
            if let ack {
                try outbox.acknowledge(id: ack, at: options.now)
                print("Acknowledged alert \(ack).")
                return
            }
            for alert in try outbox.all() {
                var line = "#\(alert.id) \(ConcernOutput.isoTime(alert.createdAt)) \(alert.urgent ? "URGENT " : "")"
                line += "to \(alert.recipient): \(alert.text)"
                if let reporter = try outbox.reporter(of: alert.id) { line += " [reporter: \(reporter)]" }
                line += alert.acknowledgedAt == nil ? " (not acknowledged)" : " (acknowledged)"
                print(line)
            }
        }
    }

    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Purge the content of closed records past their retention period, leaving a tombstone."
        )
        @OptionGroup var options: Options
        @Flag(name: .long, help: "Only list what would be purged.") var dryRun = false

        func run() throws {
            let configuration = try options.configuration()
            let purged = try ConcernStore(database: options.database()).purge(
                policy: configuration.retention,
                today: CalendarDate(unixSeconds: options.now),
                actor: options.actorName,
                at: options.now,
                dryRun: dryRun
            )
            let verb = dryRun ? "Would purge" : "Purged"
            print(purged.isEmpty ? "Nothing is due for purging." : "\(verb): \(purged.joined(separator: ", "))")
        }
    }

    struct RotateKey: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Re-encrypt everything with a new key.",
            discussion: """
                With a key file, the new key replaces it. With PREVENT_ASSIST_KEY, the new key is written to \
                --new-key-file (mode 0600) for you to install in place of the old one.
                """
        )
        @OptionGroup var options: Options
        @Option(name: .long, help: "Where to write the new key when PREVENT_ASSIST_KEY is in use.") var newKeyFile:
            String?

        func run() throws {
            let configured = try options.configuration().dataDirectory
            let directory = DataDirectory.resolve(explicit: options.data, configured: configured)
            let environment = ProcessInfo.processInfo.environment
            let usesEnvironment = !(environment[EncryptionKey.environmentVariable] ?? "").isEmpty
            if usesEnvironment, newKeyFile == nil {
                throw ValidationError("PREVENT_ASSIST_KEY is in use: pass --new-key-file FILE for the new key")
            }
            let database = try DataStore.open(directory, logger: CommandLogging.logger())
            let newKey = EncryptionKey.generate()
            let target =
                newKeyFile.map { URL(fileURLWithPath: $0) }
                ?? directory.url.appendingPathComponent(AppDatabase.keyFileName)
            let backup = directory.url.appendingPathComponent(AppDatabase.keyFileName + ".new")
            try newKey.write(to: usesEnvironment ? target : backup)
            let count = try ConcernStore(database: database).rotate(to: newKey)
            if !usesEnvironment { try EncryptionKey.move(backup, over: target) }
            print("Re-encrypted \(count) values with key \(newKey.id); the new key is in \(target.path).")
        }
    }
}
