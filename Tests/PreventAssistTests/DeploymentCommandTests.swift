import AssistantCore
import AssistantService
import Crypto
import Foundation
import Logging
import PreventAssistTesting
import Storage
import Testing

/// What a packaged deployment relies on: the key as a systemd credential, `housekeeping` for the daily timer and
/// `doctor` for the administrator, through the real binary where a person or a timer would run them.
@Suite(.timeLimit(.minutes(3)))
struct DeploymentCommandTests {
    static let day: Int64 = 86_400

    /// Runs the built binary without the shared model (none of these commands answers questions).
    func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> ProcessOutput {
        var environment = ProcessInfo.processInfo.environment
        for name in ["PREVENT_ASSIST_CONFIG", "PREVENT_ASSIST_KB", "PREVENT_ASSIST_KEY", "CREDENTIALS_DIRECTORY"] {
            environment[name] = nil
        }
        environment["PREVENT_ASSIST_LOG_LEVEL"] = "error"
        environment.merge(extra) { _, new in new }
        return try await ProcessOutput.run(Repository.binary, arguments, environment: environment)
    }

    /// A digest of the store's files (the database and its write-ahead log), to show a command changed nothing.
    static func hash(_ store: URL) -> String {
        var hasher = SHA256()
        for suffix in ["", "-wal"] {
            // A log SQLite made empty on opening counts as none.
            hasher.update(data: FileManager.default.contents(atPath: store.path + suffix) ?? Data())
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func mode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    /// A data directory (0700) with a key file and a store sealed with it.
    static func store(in directory: TemporaryDirectory) throws -> (data: URL, key: EncryptionKey, database: AppDatabase)
    {
        let data = directory.url.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: data.path)
        let key = EncryptionKey.generate()
        try key.create(data.appendingPathComponent(AppDatabase.keyFileName))
        let database = try AppDatabase(file: data.appendingPathComponent(AppDatabase.fileName), key: key)
        return (data, key, database)
    }

    static func submission(_ what: String) -> FormSubmission {
        FormSubmission(
            formID: "raise_concern",
            reporterID: "console:sam",
            urgent: false,
            fields: [
                .init(slot: "subject_type", label: "Who", value: "student", display: "A student", sensitivity: .plain),
                .init(slot: "what_happened", label: "What", value: what, display: what, sensitivity: .freeText),
            ]
        )
    }

    // MARK: - The key as a systemd credential

    @Test func aCredentialKeyIsUsedAndNoKeyFileIsMadeBesideTheDatabase() throws {
        try TemporaryDirectory.with { directory in
            let credentials = directory.url.appendingPathComponent("credentials")
            try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
            let key = EncryptionKey.generate()
            let credential = credentials.appendingPathComponent(AppDatabase.keyFileName)
            try key.create(credential)
            try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: credential.path)
            let data = DataDirectory(url: directory.url.appendingPathComponent("data"))

            let database = try DataStore.open(
                data,
                environment: [StoreKeyLocation.credentialsVariable: credentials.path],
                logger: Logger(label: "test")
            )

            #expect(database.keyID == key.id)
            #expect(
                !FileManager.default.fileExists(atPath: data.url.appendingPathComponent(AppDatabase.keyFileName).path)
            )
            #expect(try Self.mode(credential) == 0o400)
            #expect(try FileManager.default.contentsOfDirectory(atPath: credentials.path) == [AppDatabase.keyFileName])
        }
    }

    @Test func aCredentialOthersMayReadStopsTheStoreWithNothingMade() throws {
        try TemporaryDirectory.with { directory in
            let credentials = directory.url.appendingPathComponent("credentials")
            try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
            let credential = credentials.appendingPathComponent(AppDatabase.keyFileName)
            try EncryptionKey.generate().create(credential)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: credential.path)
            let data = DataDirectory(url: directory.url.appendingPathComponent("data"))

            let error = #expect(throws: ServiceError.self) {
                try DataStore.open(
                    data,
                    environment: [StoreKeyLocation.credentialsVariable: credentials.path],
                    logger: Logger(label: "test")
                )
            }
            #expect(error?.message.contains(credential.path) == true)
            #expect(try FileManager.default.contentsOfDirectory(atPath: data.url.path).isEmpty)
        }
    }

    @Test func withoutTheCredentialFileTheKeyFileBesideTheDatabaseIsUsed() throws {
        try TemporaryDirectory.with { directory in
            let credentials = directory.url.appendingPathComponent("credentials")
            try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
            let data = DataDirectory(url: directory.url.appendingPathComponent("data"))
            let environment = [StoreKeyLocation.credentialsVariable: credentials.path]
            #expect(
                StoreKeyLocation.resolve(in: data, environment: environment)
                    == StoreKeyLocation(file: data.url.appendingPathComponent(AppDatabase.keyFileName), mayCreate: true)
            )

            let database = try DataStore.open(data, environment: environment, logger: Logger(label: "test"))

            let keyFile = data.url.appendingPathComponent(AppDatabase.keyFileName)
            let stored = try EncryptionKey.load(environment: [:], keyFile: keyFile) { () throws(StorageError) in false }
            #expect(stored.key.id == database.keyID)
            #expect(try FileManager.default.contentsOfDirectory(atPath: credentials.path).isEmpty)
        }
    }

    @Test func rotatingACredentialKeyNeedsANewKeyFileAndChangesNothingWithoutOne() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let (data, key, database) = try Self.store(in: directory)
            _ = try ConcernStore(database: database).create(Self.submission("SEALED-TEXT"), at: 1_795_944_000)
            let credentials = directory.url.appendingPathComponent("credentials")
            try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
            let credential = credentials.appendingPathComponent(AppDatabase.keyFileName)
            try key.create(credential)
            try FileManager.default.removeItem(at: data.appendingPathComponent(AppDatabase.keyFileName))
            let config = try HostRoles.config(in: directory.url)
            let store = data.appendingPathComponent(AppDatabase.fileName)

            let result = try await run(
                ["concerns", "rotate-key", "--data", data.path, "--config", config.path],
                environment: [StoreKeyLocation.credentialsVariable: credentials.path]
            )

            #expect(result.status != 0, "\(result.output)")
            #expect(result.error.contains("--new-key-file"), "\(result.error)")
            let left = try FileManager.default.contentsOfDirectory(atPath: data.path)
            #expect(left.allSatisfy { $0.hasPrefix(AppDatabase.fileName) }, "\(left)")
            // Still sealed with the old key: nothing was re-sealed.
            #expect(try AppDatabase(file: store, key: key).verify().problems.isEmpty)
        }
    }

    // MARK: - housekeeping

    @Test func housekeepingPurgesWhatRetentionAllowsAsTheSystemAndRemovesExpiredDrafts() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let (data, _, database) = try Self.store(in: directory)
            let now = Int64(Date().timeIntervalSince1970)
            let concerns = ConcernStore(database: database)
            let old = try concerns.create(Self.submission("OLD-CASE-TEXT"), at: now - 400 * Self.day)
            try concerns.update(
                old,
                stage: .closed,
                resolution: .noFurtherAction,
                note: "Nothing further",
                actor: "cli:lead",
                at: now - 400 * Self.day
            )
            let recent = try concerns.create(Self.submission("RECENT-CASE-TEXT"), at: now - 10 * Self.day)
            try concerns.update(
                recent,
                stage: .closed,
                resolution: .noFurtherAction,
                note: "Nothing further",
                actor: "cli:lead",
                at: now - 10 * Self.day
            )
            let stillOpen = try concerns.create(Self.submission("OPEN-CASE-TEXT"), at: now - 400 * Self.day)
            let conversations = ConversationStore(database: database)
            let draft = ConversationState(
                form: FormSession(formID: "raise_concern", reporterID: "console:sam", firstSlot: "what_happened")
            )
            try conversations.save(draft, for: "old-draft", at: now - 2 * Self.day)
            try conversations.save(draft, for: "fresh-draft", at: now - 60)
            // Nobody on the host has a role: the timer needs none.
            let config = try directory.write(
                "roles:\n  safeguarding_leads: [\"console:lead\"]\nretention:\n  no_further_action_months: 12\n",
                to: "prevent-assist.yaml"
            )

            let result = try await run(["housekeeping", "--config", config.path, "--data", data.path])

            #expect(result.status == 0, "\(result.error)")
            #expect(result.output.contains("retention purge: purged 1 (\(old))"), "\(result.output)")
            #expect(result.output.contains("expired drafts removed: 1"), "\(result.output)")
            let tombstone = try concerns.read(old, actor: "test", reason: "check", at: now)
            #expect(tombstone.purged)
            #expect(tombstone.fields.isEmpty)
            let purge = try #require(tombstone.events.first { $0.action == "purged" })
            #expect(purge.actor == "system:housekeeping")
            #expect(try concerns.read(recent, actor: "test", reason: "check", at: now).fields.count == 2)
            #expect(try concerns.read(stillOpen, actor: "test", reason: "check", at: now).fields.count == 2)
            #expect(try conversations.load("old-draft") == .initial)
            #expect(try conversations.load("fresh-draft") == draft)
            #expect(try database.verify().problems.isEmpty)

            let again = try await run(["housekeeping", "--config", config.path, "--data", data.path])
            #expect(again.status == 0, "\(again.error)")
            #expect(again.output.contains("retention purge: nothing is due"), "\(again.output)")
        }
    }

    // MARK: - doctor

    @Test func doctorPassesAHealthyDeploymentAndMakesNoFile() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let (data, key, _) = try Self.store(in: directory)
            let config = try HostRoles.config(in: directory.url)
            let files = { Set(try FileManager.default.contentsOfDirectory(atPath: data.path)) }
            let before = try files().filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }

            let result = try await run(["doctor", "--config", config.path, "--data", data.path])

            #expect(result.status == 0, "\(result.output)\(result.error)")
            for check in ["configuration", "data directory", "key", "content", "review dates", "disk space"] {
                #expect(result.output.contains("✓ \(check):"), "\(check): \(result.output)")
            }
            #expect(result.output.contains("! platforms: none configured"), "\(result.output)")
            #expect(result.output.contains("doctor: no problems"))
            #expect(!result.output.contains("✗"))
            // Opening the store may fold its log into it; no file is made (no key, no cache) and it still verifies.
            #expect(try files().filter { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") } == before)
            let store = data.appendingPathComponent(AppDatabase.fileName)
            #expect(try AppDatabase(file: store, key: key).verify().problems.isEmpty)
        }
    }

    @Test func doctorNamesAWrongKeyAndLeavesTheStoreAlone() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let (data, key, _) = try Self.store(in: directory)
            let config = try HostRoles.config(in: directory.url)
            let database = data.appendingPathComponent(AppDatabase.fileName)
            let before = Self.hash(database)
            let wrong = EncryptionKey.generate()

            let result = try await run(
                ["doctor", "--config", config.path, "--data", data.path],
                environment: [EncryptionKey.environmentVariable: wrong.base64]
            )

            #expect(result.status == 1)
            let line = try #require(result.output.split(separator: "\n").first { $0.hasPrefix("✗ key:") })
            #expect(line.contains(wrong.id) && line.contains(key.id), "\(line)")
            #expect(result.output.contains("fix: use the store's own key"))
            #expect(Self.hash(database) == before)
        }
    }

    @Test func doctorNamesALooseDataDirectoryAndTheFixWithoutChangingIt() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let (data, _, _) = try Self.store(in: directory)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: data.path)
            let config = try HostRoles.config(in: directory.url)

            let result = try await run(["doctor", "--config", config.path, "--data", data.path])

            #expect(result.status == 1)
            #expect(result.output.contains("✗ data directory: \(data.path) has mode 755"), "\(result.output)")
            #expect(result.output.contains("fix: chmod 700 \(data.path)"))
            #expect(try Self.mode(data) == 0o755)
        }
    }

    @Test func doctorFindsAMissingDataDirectoryAndCreatesNothing() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("not-yet")
            let config = try HostRoles.config(in: directory.url)

            let result = try await run(["doctor", "--config", config.path, "--data", data.path])

            #expect(result.status == 1)
            #expect(result.output.contains("✗ data directory: \(data.path) does not exist"), "\(result.output)")
            #expect(result.output.contains("install -d -m 0700"))
            #expect(!FileManager.default.fileExists(atPath: data.path))
        }
    }

    @Test func doctorReportsEachPlatformAndRelayThatIsNotReady() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let (data, _, _) = try Self.store(in: directory)
            let platforms = """
                platforms:
                  - kind: telegram
                    id: campus-telegram
                    token_env: DOCTOR_TEST_UNSET_TOKEN
                  - kind: slack
                    id: campus-slack
                    relay_url: http://127.0.0.1:9/
                    relay_token_env: DOCTOR_TEST_UNSET_RELAY
                    bot_token_env: DOCTOR_TEST_UNSET_SLACK

                """
            let config = try HostRoles.config(in: directory.url, more: platforms)

            let result = try await run(["doctor", "--config", config.path, "--data", data.path])

            #expect(result.status == 1)
            #expect(result.output.contains("✗ platform campus-telegram (telegram):"), "\(result.output)")
            #expect(result.output.contains("DOCTOR_TEST_UNSET_TOKEN"), "\(result.output)")
            #expect(result.output.contains("✗ platform campus-slack (slack):"), "\(result.output)")
            #expect(result.output.contains("✗ relay for campus-slack: http://127.0.0.1:9/healthz"), "\(result.output)")
        }
    }

    @Test func doctorSaysWhichContentIsOverdueForReview() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let (data, _, _) = try Self.store(in: directory)
            let config = try HostRoles.config(in: directory.url)

            let later = try await run(["doctor", "--config", config.path, "--data", data.path, "--today", "2100-01-01"])

            #expect(later.status == 1)
            #expect(later.output.contains("✗ review dates:"), "\(later.output)")
            #expect(later.output.contains("overdue for review"))
            #expect(later.output.contains("✓ content:"))
        }
    }
}
