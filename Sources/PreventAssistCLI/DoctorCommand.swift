import ArgumentParser
import AssistantCore
import AssistantService
import CurlHTTP
import Foundation
import KnowledgeLoader
import Storage

#if canImport(Glibc)
import Glibc
#endif

/// `prevent-assist doctor`: checks a deployment and says what to fix — the configuration, the data directory, the key
/// against the store, the content and its review dates, each platform account and relay, and free disk space. It
/// changes nothing: no key or directory is created and no permission tightened (a store that exists is opened, which
/// runs its migrations, as the service's next start would).
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check a deployment (configuration, key, data directory, content, platforms, relay, disk).",
        discussion: """
            Prints ✓ or ✗ per check (! for a note) with what to fix, and exits 1 if any check fails. Run it as \
            the service runs: as its user, with its configuration, data directory and key (deployment.md).
            """
    )

    @Option(
        name: .long,
        help: "Data directory (default: the configuration's data_dir, else $XDG_DATA_HOME/prevent-assist)."
    )
    var data: String?

    @Option(name: .long, help: "Check review dates against this day (YYYY-MM-DD) instead of today.")
    var today: String?

    @OptionGroup var content: ContentOptions

    /// Below this much free space on the data directory's file system, `doctor` fails.
    static let minimumFreeBytes: UInt64 = 512 * 1_048_576

    func run() async throws {
        guard let day = today.map({ CalendarDate(iso: $0) }) ?? KBCheckCommand.currentDate() else {
            throw ValidationError("--today must be a date written YYYY-MM-DD")
        }
        let environment = ProcessInfo.processInfo.environment
        var findings: [DoctorFinding] = []
        let configuration = configurationFinding(into: &findings)
        let directory = DataDirectory.resolve(explicit: data, configured: configuration.dataDirectory)
        let directoryFinding = Self.directoryFinding(directory)
        findings.append(directoryFinding)
        var database: AppDatabase?
        if directoryFinding.status == .ok {
            let (finding, opened) = Self.keyFinding(directory, environment: environment)
            findings.append(finding)
            database = opened
        } else {
            findings.append(.note("key", "not checked: the data directory needs fixing first"))
        }
        findings += contentFindings(today: day)
        findings += await platformFindings(configuration, database: database, environment: environment)
        findings.append(Self.diskFinding(directory))
        for finding in findings { print(finding.text) }
        let failed = findings.filter { $0.status == .problem }.count
        print(failed == 0 ? "doctor: no problems" : "doctor: \(failed) problem\(failed == 1 ? "" : "s") to fix")
        if failed > 0 { throw ExitCode(1) }
    }

    /// The configuration, or the empty one (with a finding saying why) when there is none or it does not load.
    private func configurationFinding(into findings: inout [DoctorFinding]) -> InstitutionConfiguration {
        guard let file = AssistantSetup.configurationFile(explicit: content.config) else {
            findings.append(
                .problem(
                    "configuration",
                    "no configuration file (no --config, PREVENT_ASSIST_CONFIG unset, no ./prevent-assist.yaml)",
                    fix: "pass --config /etc/prevent-assist/prevent-assist.yaml"
                )
            )
            return InstitutionConfiguration()
        }
        do {
            let configuration = try AssistantSetup.loadConfiguration(file)
            let roles = configuration.roles
            let leads = roles.safeguardingLeads.count + roles.preventLeads.count
            findings.append(
                .ok(
                    "configuration",
                    "\(file.path): \(configuration.platforms.count) platform(s), \(leads) lead(s)"
                )
            )
            if leads == 0 {
                findings.append(
                    .note(
                        "roles",
                        "no safeguarding lead or Prevent lead: nobody can read concern records",
                        fix: "list the leads under roles.safeguarding_leads in \(file.path)"
                    )
                )
            }
            return configuration
        } catch {
            findings.append(.problem("configuration", "\(error)", fix: "correct \(file.path) and run doctor again"))
            return InstitutionConfiguration()
        }
    }

    /// Exists, is a directory, belongs to the user running this, and is 0700. Nothing is created or changed.
    static func directoryFinding(_ directory: DataDirectory) -> DoctorFinding {
        let path = directory.url.path
        var status = stat()
        guard lstat(path, &status) == 0 else {
            return .problem(
                "data directory",
                "\(path) does not exist",
                fix: "create it for the service user: install -d -m 0700 -o \(userName(geteuid())) \(path)"
            )
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            return .problem(
                "data directory",
                "\(path) is not a directory",
                fix: "point --data or data_dir at a directory"
            )
        }
        guard status.st_uid == geteuid() else {
            let owner = userName(status.st_uid)
            return .problem(
                "data directory",
                "\(path) belongs to \(owner), but this runs as \(userName(geteuid()))",
                fix: "run doctor as \(owner), as the service runs (sudo -u \(owner) …); files made by another user "
                    + "would stop the service"
            )
        }
        let mode = status.st_mode & 0o7777
        guard mode == 0o700 else {
            return .problem(
                "data directory",
                "\(path) has mode \(String(mode, radix: 8)); it holds safeguarding records",
                fix: "chmod 700 \(path)"
            )
        }
        return .ok("data directory", "\(path) (owner \(userName(status.st_uid)), mode 700)")
    }

    /// Reads the key as the store would (never creating one) and checks it against the store; the opened store, or
    /// nil when there is none yet or the key does not fit.
    static func keyFinding(_ directory: DataDirectory, environment: [String: String]) -> (DoctorFinding, AppDatabase?) {
        let store = directory.url.appendingPathComponent(AppDatabase.fileName)
        let location = StoreKeyLocation.resolve(in: directory, environment: environment)
        let key: EncryptionKey
        let source: String
        do {
            if let value = environment[EncryptionKey.environmentVariable], !value.isEmpty {
                key = try EncryptionKey(base64: value)
                source = EncryptionKey.environmentVariable
            } else {
                var status = stat()
                guard lstat(location.file.path, &status) == 0 else {
                    let sealed = try AppDatabase.storedKeyIDs(of: store)
                    guard sealed.isEmpty else {
                        return (
                            .problem(
                                "key",
                                "no key at \(location.file.path) and \(EncryptionKey.environmentVariable) is unset, "
                                    + "but the store holds values sealed with key \(sealed.sorted().joined(separator: ", "))",
                                fix: "restore that key from your key backup; a new key cannot open the records"
                            ), nil
                        )
                    }
                    return (
                        .note(
                            "key",
                            "no key yet: the first start creates \(location.file.path)",
                            fix: "for the service, install the key as a credential (LoadCredential=, deployment.md)"
                        ), nil
                    )
                }
                key = try EncryptionKey.load(environment: [:], keyFile: location.file) { () throws(StorageError) in
                    false
                }.key
                source = location.file.path + (location.mayCreate ? "" : " (systemd credential)")
            }
            let sealed = try AppDatabase.storedKeyIDs(of: store)
            if !sealed.isEmpty, !sealed.contains(key.id) {
                return (
                    .problem(
                        "key",
                        "the key \(key.id) from \(source) does not match the store (sealed with "
                            + "\(sealed.sorted().joined(separator: ", ")))",
                        fix: "use the store's own key, from your key backup; nothing was changed"
                    ), nil
                )
            }
            guard FileManager.default.fileExists(atPath: store.path) else {
                return (.ok("key", "key \(key.id) from \(source); no store yet (made at the first start)"), nil)
            }
            let database = try AppDatabase(file: store, key: key)
            return (.ok("key", "key \(key.id) from \(source) opens \(store.path)"), database)
        } catch {
            return (
                .problem(
                    "key",
                    "\(error)",
                    fix: "give the service a readable key file (mode 0600 or 0400) or credential; deployment.md, Keys"
                ), nil
            )
        }
    }

    /// The content's own check, with overdue reviews on a line of their own.
    private func contentFindings(today: CalendarDate) -> [DoctorFinding] {
        let root: URL
        do {
            root = try ContentLocator().knowledgeRoot(explicit: content.kb)
        } catch {
            return [.problem("content", "\(error)", fix: "reinstall the package, or pass --kb DIR")]
        }
        let loaded = KnowledgeDirectory(root: root).load()
        let problems = loaded.check(today: today)
        let overdue = problems.filter { $0.rule == .reviewOverdue }
        let others = problems.filter { $0.rule != .reviewOverdue }
        var findings: [DoctorFinding] = []
        if let first = others.first {
            findings.append(
                .problem(
                    "content",
                    "\(others.count) problem(s) in \(root.path), first: \(first.message)",
                    fix: "prevent-assist kb check --kb \(root.path) lists them all"
                )
            )
        } else {
            findings.append(
                .ok("content", "\(loaded.intents.count) intents, \(loaded.articles.count) articles from \(root.path)")
            )
        }
        if let first = overdue.first {
            findings.append(
                .problem(
                    "review dates",
                    "\(overdue.count) article(s) overdue for review, first: \(first.message)",
                    fix: "have the content reviewed and its review_due moved on (kb check lists them)"
                )
            )
        } else if let next = loaded.articles.min(by: { $0.value.reviewDue < $1.value.reviewDue }) {
            findings.append(.ok("review dates", "none overdue; next due \(next.value.reviewDue) (\(next.value.id))"))
        }
        return findings
    }

    /// `serve --check` for each account, then each relay's `/healthz`.
    private func platformFindings(
        _ configuration: InstitutionConfiguration,
        database: AppDatabase?,
        environment: [String: String]
    ) async -> [DoctorFinding] {
        guard !configuration.platforms.isEmpty else {
            return [
                .note(
                    "platforms",
                    "none configured: serve will not start without one",
                    fix: "add a 'platforms:' list to the configuration (README, Chat platforms)"
                )
            ]
        }
        let transport = CurlTransport()
        var findings: [DoctorFinding] = []
        do {
            // With no store yet, the accounts are checked against a throw-away one.
            let scratch = FileManager.default.temporaryDirectory
                .appendingPathComponent("prevent-assist-doctor-\(UUID().uuidString)", isDirectory: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let store: AppDatabase
            if let database {
                store = database
            } else {
                try FileManager.default.createDirectory(
                    at: scratch,
                    withIntermediateDirectories: false,
                    attributes: [.posixPermissions: 0o700]
                )
                store = try AppDatabase(file: scratch.appendingPathComponent(AppDatabase.fileName), key: .generate())
            }
            for result in await PlatformCheck.run(
                configuration.platforms,
                database: store,
                transport: transport,
                environment: environment
            ) {
                let name = "platform \(result.account.id) (\(result.account.kind))"
                if let failure = result.failure {
                    findings.append(
                        .problem(name, failure, fix: "check its settings and secret, then run doctor again")
                    )
                } else {
                    findings.append(.ok(name, "ready"))
                    findings += result.warnings.map { .note(name, $0) }
                }
            }
        } catch {
            findings.append(.problem("platforms", "\(error)", fix: "check the temporary directory (TMPDIR)"))
        }
        for account in configuration.platforms {
            guard let relay = account.settings["relay_url"] else { continue }
            findings.append(await Self.relayFinding(account.id, url: relay, transport: transport))
        }
        return findings
    }

    static func relayFinding(_ id: String, url: String, transport: any HTTPTransport) async -> DoctorFinding {
        let probe = (url.hasSuffix("/") ? String(url.dropLast()) : url) + "/healthz"
        do {
            let response = try await transport.perform(HTTPRequest(url: probe, timeout: 10))
            guard response.isSuccess else {
                return .problem(
                    "relay for \(id)",
                    "\(probe) answered HTTP \(response.status)",
                    fix: "check relay_url and that prevent-assist-relay runs (deployment-relay.md)"
                )
            }
            return .ok("relay for \(id)", "\(probe) answers")
        } catch {
            return .problem(
                "relay for \(id)",
                "\(probe): \(error)",
                fix: "check relay_url, the relay service and the firewall between this host and the relay"
            )
        }
    }

    /// Free space where the store lives (or would be made).
    static func diskFinding(_ directory: DataDirectory) -> DoctorFinding {
        var path = directory.url
        while !FileManager.default.fileExists(atPath: path.path), path.path != "/" {
            path = path.deletingLastPathComponent()
        }
        var status = statvfs()
        guard statvfs(path.path, &status) == 0 else {
            return .problem("disk space", "cannot read free space at \(path.path)", fix: "check the file system")
        }
        let free = UInt64(status.f_bavail) * UInt64(status.f_frsize)
        let mebibytes = free / 1_048_576
        guard free >= minimumFreeBytes else {
            return .problem(
                "disk space",
                "\(mebibytes) MiB free at \(path.path)",
                fix:
                    "free space there: the store, its journal and backups need at least \(minimumFreeBytes / 1_048_576) MiB"
            )
        }
        return .ok("disk space", "\(mebibytes) MiB free at \(path.path)")
    }

    static func userName(_ uid: uid_t) -> String {
        getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(uid)"
    }
}
