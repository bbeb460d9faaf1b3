import ArgumentParser
import AssistantCore
import AssistantService
import CommandLineSupport
import Foundation
import KnowledgeLoader
import Storage

/// `prevent-assist concerns`: the safeguarding team's host-side tools. Everything here needs access to the host and
/// the data directory's key, and is allowed by role: the person acting is the host user running the command
/// (`cli:<login name>`, from the system, not a flag), and the configuration's `roles` say what that identity may do
/// (``ConcernPermission``). Every read, every change and every refusal is written to the audit under that name.
struct ConcernsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concerns",
        abstract: "Concern records, for the safeguarding team on the host.",
        discussion: """
            The host user running the command is the actor (cli:LOGIN). List it in the configuration's roles: \
            safeguarding_leads or prevent_lead for everything; deputy for 'alerts'; auditors for 'audit' and \
            'verify'. Anything else is refused and the refusal is recorded.
            """,
        subcommands: [
            List.self, Show.self, Update.self, Reopen.self, Export.self, Audit.self, Alerts.self, Verify.self,
            Purge.self, RotateKey.self,
        ]
    )

    /// Options shared by every `concerns` command.
    struct Options: ParsableArguments {
        @Option(name: .long, help: "Data directory (default: $XDG_DATA_HOME/prevent-assist).")
        var data: String?

        @Option(name: .long, help: "Institution configuration file (roles, retention).")
        var config: String?

        /// Who is acting: the host user, from the system's user database.
        var actorName: String { HostIdentity.current }

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

        /// Opens the store for `permission`, or records the refusal and stops with a message that says which roles
        /// grant it and where.
        func authorized(_ permission: ConcernPermission, reference: String? = nil) throws -> AppDatabase {
            let roles = try configuration().roles
            let database = try database()
            guard roles.permits(actorName, permission) else {
                try ConcernStore(database: database).recordRefusal(
                    actor: actorName,
                    attempted: permission.label,
                    reference: reference,
                    at: now
                )
                let where_ = config.map { " in \($0)" } ?? " in the configuration (--config)"
                throw ValidationError(
                    "\(actorName) may not \(permission.label): list it under roles "
                        + AccessRoles.roleKeys(granting: permission).joined(separator: " or ") + where_
                        + ". This attempt was recorded in the audit trail."
                )
            }
            return database
        }

        var now: Int64 { UnixClock.system.seconds }
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
            let summaries = try ConcernStore(database: options.authorized(.list)).list(
                actor: options.actorName,
                at: options.now
            )
            switch format {
            case .json:
                print(try ConcernOutput.json(summaries.map(ConcernSummaryJSON.init)))
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
            let database = try options.authorized(.read, reference: reference.uppercased())
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
        @Option(
            name: [.long, .customLong("rationale")],
            help: "A note for the chronology (stored encrypted); with --stage, the rationale for the move (required)."
        ) var note: String?
        @Argument(help: "The reference.") var reference: String

        func run() throws {
            func parse<T: RawRepresentable>(_ text: String?, _ name: String) throws -> T? where T.RawValue == String {
                guard let text else { return nil }
                guard let value = T(rawValue: text) else { throw ValidationError("unknown \(name) '\(text)'") }
                return value
            }
            let database = try options.authorized(.update, reference: reference.uppercased())
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
            let records = try ConcernStore(database: options.authorized(.export)).export(
                actor: options.actorName,
                at: options.now
            )
            switch format {
            case .csv: print(ConcernOutput.csv(records), terminator: "")
            case .json, .table: print(try ConcernOutput.json(records.map(ConcernRecordJSON.init)))
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
            let store = try ConcernStore(database: options.authorized(.audit, reference: reference?.uppercased()))
            let events =
                try reference.map {
                    try store.audit(
                        $0.uppercased(),
                        actor: options.actorName,
                        includeNotes: options.configuration().roles.isLead(options.actorName),
                        at: options.now
                    )
                }
                ?? store.generalAudit(actor: options.actorName, at: options.now)
            for event in events { print(ConcernOutput.eventLine(event)) }
        }
    }

    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List alerts for the team; --ack ID acknowledges one (stops its escalation). Audited."
        )
        @OptionGroup var options: Options
        @Option(name: .long, help: "Acknowledge this alert id.") var ack: Int64?

        func run() throws {
            let database = try options.authorized(ack == nil ? .alerts : .acknowledgeAlerts)
            let outbox = AlertOutbox(database: database)
            let store = ConcernStore(database: database)
            if let ack {
                guard let alert = try outbox.all().first(where: { $0.id == ack }) else {
                    throw ValidationError("there is no alert #\(ack)")
                }
                try store.recordAccess(
                    actor: options.actorName,
                    action: "alert_acknowledged",
                    reference: alert.concernReference,
                    detail: "alert #\(ack)",
                    at: options.now
                )
                try outbox.acknowledge(id: ack, at: options.now)
                print("Acknowledged alert \(ack).")
                return
            }
            try store.recordAccess(
                actor: options.actorName,
                action: "alerts_listed",
                reference: nil,
                detail: nil,
                at: options.now
            )
            // Who raised an urgent alert is for the leads; deputies see the alert without it.
            let showsReporter = try options.configuration().roles.isLead(options.actorName)
            let alerts = try outbox.all()
            if alerts.isEmpty { print("No alerts.") }
            for alert in alerts {
                var line = "#\(alert.id) \(ConcernOutput.isoTime(alert.createdAt)) \(alert.urgent ? "URGENT " : "")"
                line += "to \(alert.recipient): \(alert.text)"
                if showsReporter, let reporter = try outbox.reporter(of: alert.id) {
                    line += " [reporter: \(reporter)]"
                }
                line += alert.acknowledgedAt == nil ? " (not acknowledged)" : " (acknowledged)"
                print(ConcernOutput.terminalSafe(line))
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the whole store: sealed values, the chronology chain, the pathway. Exit 1 on a problem.",
            discussion: """
                Opens every sealed value with the key (nothing is shown), checks that the chronology's hash chain \
                is unbroken to its head, that every record matches what its creation event recorded, that notes \
                are where the chronology says, and that every record's stages follow the allowed moves. Problems \
                name the record and the event. The check is written to the audit.
                """
        )
        @OptionGroup var options: Options

        func run() throws {
            let database = try options.authorized(.verify)
            let report = try database.verify()
            try ConcernStore(database: database).recordAccess(
                actor: options.actorName,
                action: "verified",
                reference: nil,
                detail: report.isSound ? "sound" : "\(report.problems.count) problems",
                at: options.now
            )
            print(
                "records: \(report.records), chronology events: \(report.events), sealed values: \(report.sealedValues)"
            )
            guard report.isSound else {
                for problem in report.problems { print("PROBLEM \(ConcernOutput.terminalSafe(problem.description))") }
                print("The store failed its integrity check: \(report.problems.count) problems.")
                throw ExitCode(1)
            }
            print("The store is sound: every sealed value opens, the chronology is unbroken, every stage is allowed.")
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reopen a closed record, with the reason (its own audited event)."
        )
        @OptionGroup var options: Options
        @Option(name: .long, help: "Why it is reopened (stored encrypted; required).") var reason: String
        @Argument(help: "The reference.") var reference: String

        func run() throws {
            let reference = reference.uppercased()
            let database = try options.authorized(.update, reference: reference)
            try ConcernStore(database: database).reopen(
                reference,
                reason: reason,
                actor: options.actorName,
                at: options.now
            )
            print("Reopened \(reference).")
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
            let purged = try ConcernStore(database: options.authorized(.purge)).purge(
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
                With a key file, the new key replaces it. With PREVENT_ASSIST_KEY or a systemd credential \
                ($CREDENTIALS_DIRECTORY/prevent-assist.key), the new key is written to --new-key-file (mode 0600) for \
                you to install in place of the old one.
                """
        )
        @OptionGroup var options: Options
        @Option(name: .long, help: "Where to write the new key when PREVENT_ASSIST_KEY is in use.") var newKeyFile:
            String?

        func run() throws {
            let configured = try options.configuration().dataDirectory
            let directory = DataDirectory.resolve(explicit: options.data, configured: configured)
            let environment = ProcessInfo.processInfo.environment
            // A key from the environment or a systemd credential is not ours to replace: the new key goes to a file
            // the administrator installs in its place.
            let usesEnvironment =
                !(environment[EncryptionKey.environmentVariable] ?? "").isEmpty
                || !StoreKeyLocation.resolve(in: directory, environment: environment).mayCreate
            if usesEnvironment, newKeyFile == nil {
                throw ValidationError(
                    "the key comes from PREVENT_ASSIST_KEY or a systemd credential: pass --new-key-file FILE for the new key"
                )
            }
            let database = try options.authorized(.rotateKey)
            let newKey = EncryptionKey.generate()
            let target =
                newKeyFile.map { URL(fileURLWithPath: $0) }
                ?? directory.url.appendingPathComponent(AppDatabase.keyFileName)
            let backup = directory.url.appendingPathComponent(AppDatabase.keyFileName + ".new")
            try newKey.create(usesEnvironment ? target : backup)
            let count = try ConcernStore(database: database).rotate(to: newKey)
            if !usesEnvironment { try EncryptionKey.replace(target, with: backup) }
            try ConcernStore(
                database: AppDatabase(file: directory.url.appendingPathComponent(AppDatabase.fileName), key: newKey)
            )
            .recordAccess(
                actor: options.actorName,
                action: "key_rotated",
                reference: nil,
                detail: "key \(newKey.id)",
                at: options.now
            )
            print("Re-encrypted \(count) values with key \(newKey.id); the new key is in \(target.path).")
        }
    }
}
