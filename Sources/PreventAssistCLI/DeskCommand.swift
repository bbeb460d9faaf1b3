import ArgumentParser
import AssistantCore
import AssistantService
import CommandLineSupport
import Foundation
import KnowledgeLoader
import Logging
import SafeguardingDesk
import ServiceLifecycle
import Storage
import UnixSignals

/// `prevent-assist desk`: the safeguarding desk, a web console for the leads (docs/desk.md). `desk` (or
/// `desk serve`) runs it on loopback until SIGTERM or SIGINT; `desk user add|disable|list` manages its accounts from
/// the host, as a lead listed under `roles` (the host user, `cli:LOGIN`); `desk bench` times its pages.
struct DeskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "desk",
        abstract: "The safeguarding desk: a web console for the leads who act on concerns.",
        discussion: """
            Serves the desk on 127.0.0.1:8443 by default; put it behind the institution's TLS reverse proxy \
            (docs/desk.md). Desk users are added from the host with 'desk user add NAME --role lead|deputy|auditor|moderator', \
            which prints a one-time set-up code; the host user running it must be a lead under roles.
            """,
        subcommands: [Serve.self, User.self, Bench.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve the desk until SIGTERM or SIGINT.")
        @OptionGroup var options: ConcernsCommand.Options
        @Option(name: .long, help: "HOST:PORT to listen on (default 127.0.0.1:8443).") var listen = "127.0.0.1:8443"
        @Option(name: .long, help: "Knowledge base folder, for articles' review dates (default: the shipped content).")
        var kb: String?

        func run() async throws {
            guard let address = DeskSettings.listenAddress(listen) else {
                throw ValidationError("--listen must look like 127.0.0.1:8443")
            }
            let logger = CommandLogging.logger()
            let configuration = try options.configuration()
            let settings = DeskSettings(
                host: address.host,
                port: address.port,
                institution: configuration.institution[.name] ?? "PreventAssist"
            )
            // The content-health page lists articles past review; without the knowledge base it lists none.
            var articles = DeskContent()
            if let root = try? ContentLocator().knowledgeRoot(explicit: kb) {
                articles = DeskContent(
                    knowledge: KnowledgeDirectory(root: root).load().knowledgeBase,
                    moderators: configuration.snippets.moderators
                )
            } else {
                logger.warning("no knowledge base found: the content-health page lists no articles")
                articles = DeskContent(moderators: configuration.snippets.moderators)
            }
            let app = try await DeskApp.make(
                database: try options.database(),
                roles: configuration.roles,
                settings: settings,
                content: articles,
                now: { UnixClock.system.seconds }
            )
            let server = DeskServer(app: app, logger: logger) { port in
                // The port on standard output, for scripts that asked for port 0.
                FileHandle.standardOutput.write(Data("desk listening on http://\(address.host):\(port)\n".utf8))
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: [.init(service: server)],
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger
                )
            )
            if !settings.isLoopback {
                logger.warning("the desk is not on loopback: put it behind a TLS reverse proxy (docs/desk.md)")
            }
            try await group.run()
        }
    }

    struct User: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Desk accounts: add, disable, list.",
            subcommands: [Add.self, Disable.self, List.self]
        )

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a desk user; prints a one-time set-up code (valid 72 hours)."
            )
            @OptionGroup var options: ConcernsCommand.Options
            @Option(name: .long, help: "lead, deputy, auditor or moderator.") var role: String
            @Argument(help: "The user's name: lower-case letters, digits, '.', '-', '_'.") var name: String

            func run() throws {
                guard let role = DeskRole(rawValue: role) else {
                    throw ValidationError("--role must be one of: lead, deputy, auditor, moderator")
                }
                guard DeskIdentity.isValidName(name) else {
                    throw ValidationError(
                        "a desk user name is 2-32 lower-case letters, digits, '.', '-' or '_', starting with a letter"
                    )
                }
                let database = try options.authorized(.update)
                let code = DeskSecrets.setupCode()
                let settings = DeskSettings()
                try DeskAccountStore(database: database).add(
                    name: name,
                    role: role.rawValue,
                    setupCodeHash: DeskSecrets.hash(code),
                    setupExpiresAt: options.now + settings.setupCodeSeconds,
                    at: options.now
                )
                try ConcernStore(database: database).recordAccess(
                    actor: options.actorName,
                    action: "desk_user_added",
                    reference: nil,
                    detail: "\(DeskIdentity.actor(name)) as \(role.rawValue)",
                    at: options.now
                )
                print("Added desk user \(name) (\(role.rawValue)).")
                print("One-time set-up code (valid 72 hours; give it to \(name) privately): \(code)")
                print("They open the desk's /setup page, enter their name and this code, choose a password and add")
                print("the desk to an authenticator app.")
            }
        }

        struct Disable: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Disable a desk user; their sessions end at once."
            )
            @OptionGroup var options: ConcernsCommand.Options
            @Argument(help: "The user's name.") var name: String

            func run() throws {
                let database = try options.authorized(.update)
                try DeskAccountStore(database: database).disable(name, at: options.now)
                try ConcernStore(database: database).recordAccess(
                    actor: options.actorName,
                    action: "desk_user_disabled",
                    reference: nil,
                    detail: DeskIdentity.actor(name),
                    at: options.now
                )
                print("Disabled desk user \(name); their sessions have ended.")
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List desk users and their state.")
            @OptionGroup var options: ConcernsCommand.Options

            func run() throws {
                let accounts = try DeskAccountStore(database: options.authorized(.update)).all()
                if accounts.isEmpty { print("No desk users.") }
                for account in accounts {
                    let state =
                        account.isDisabled
                        ? "disabled" : account.isEnrolled ? "active" : "waiting for set-up"
                    let locked = account.lockedUntil > options.now ? ", locked" : ""
                    print("\(account.name)\t\(account.role)\t\(state)\(locked)")
                }
            }
        }
    }
}

extension DeskCommand {
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time each desk page's server time with many concerns in a temporary store."
        )
        @Option(name: .long, help: "How many concerns to seed.") var concerns = 10_000
        @Option(name: .long, help: "How many times each page is timed.") var iterations = 50

        func run() async throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "desk-bench-\(UUID().uuidString)"
            )
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let database = try AppDatabase(
                file: folder.appendingPathComponent(AppDatabase.fileName),
                key: EncryptionKey.generate()
            )
            let now = UnixClock.system.seconds
            let clock = ContinuousClock()
            let seeding = try clock.measure { try DeskBenchmark.seed(database, count: concerns, now: now) }
            let accounts = DeskAccountStore(database: database)
            try accounts.add(name: "bench", role: "lead", setupCodeHash: "-", setupExpiresAt: now + 60, at: now)
            try accounts.stagePendingSecret("bench", totpSecret: DeskSecrets.totpSecret())
            try accounts.enrol("bench", passwordHash: "-", totpStep: 0)
            let sessionID = DeskSecrets.token()
            try accounts.createSession(idHash: DeskSecrets.hash(sessionID), account: "bench", csrfToken: "-", at: now)
            try accounts.setReadReason(idHash: DeskSecrets.hash(sessionID), reason: "benchmark run")
            let app = try await DeskApp.make(
                database: database,
                roles: AccessRoles(),
                settings: DeskSettings(bcryptCost: 4),
                content: DeskBenchmark.content(now: now),
                now: { UnixClock.system.seconds }
            )
            let year = CalendarDate(unixSeconds: now).year
            let reference = String(format: "PC-%04d-%04d", year, 1)
            let figures = DeskBenchmark.measure(
                app,
                sessionID: sessionID,
                reference: try ConcernStore(database: database).histories().last?.reference ?? reference,
                iterations: iterations
            )
            print("desk bench: \(concerns) concerns seeded in \(seeding); \(iterations) runs per page (ms)")
            print("page | p50 | p90 | max")
            for figure in figures {
                let numbers = [figure.p50, figure.p90, figure.maximum].map { String(format: "%.2f", $0) }
                print(([figure.page] + numbers).joined(separator: " | "))
            }
        }
    }
}
