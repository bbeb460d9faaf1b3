import AssistantCore
import Crypto
import Foundation
import GRDB
import PreventAssistTesting
import Storage
import Testing

/// The concern store through the real binary, as a safeguarding team and a hostile insider would use it: the host
/// user is the actor and needs a role; a key that cannot be read or does not match stops every command with nothing
/// changed; two terminals and the host tools share one data directory without crossing or locking; the integrity
/// check finds tampering; nothing typed into a concern reaches a terminal as an escape sequence.
@Suite(.timeLimit(.minutes(3)))
struct StoreAccessAcceptanceTests {
    static func answers(_ what: String) -> [String] {
        [
            "I want to raise a concern", "1", "Jo Example 1234567", what, "yesterday", "seminar room 2", "no", "2",
            "no one", "same", "yes",
        ]
    }

    func chat(
        _ lines: [String],
        user: String,
        data: URL,
        environment: [String: String] = [:]
    ) async throws
        -> CommandRunner.Result
    {
        try await CommandRunner.run(
            ["chat", "--user", user, "--data", data.path],
            input: lines.joined(separator: "\n") + "\n",
            environment: ["PREVENT_ASSIST_LOG_LEVEL": "error"].merging(environment) { $1 }
        )
    }

    func concerns(
        _ arguments: [String],
        data: URL,
        config: URL,
        environment: [String: String] = [:]
    ) async throws -> CommandRunner.Result {
        try await CommandRunner.run(
            ["concerns"] + arguments + ["--data", data.path, "--config", config.path],
            environment: ["PREVENT_ASSIST_LOG_LEVEL": "error"].merging(environment) { $1 }
        )
    }

    static func hash(_ file: URL) -> String {
        guard let data = FileManager.default.contents(atPath: file.path) else { return "missing" }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// A data directory holding one concern record, raised through `chat`; its reference.
    func dataWithOneConcern(
        _ directory: TemporaryDirectory,
        what: String = "He showed me a propaganda video"
    ) async throws
        -> (URL, String)
    {
        let data = directory.url.appendingPathComponent("data")
        let raised = try await chat(Self.answers(what), user: "sam", data: data)
        #expect(raised.status == 0, "\(raised.error)")
        let reference = try #require(
            raised.output.range(of: #"PC-\d{4}-\d{4}"#, options: .regularExpression).map { String(raised.output[$0]) }
        )
        return (data, reference)
    }

    @Test func theHostUserIsTheActorAndNeedsARole() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let (data, reference) = try await dataWithOneConcern(directory)
            let nobody = try directory.write("roles:\n  safeguarding_leads: [\"console:lead\"]\n", to: "none.yaml")
            let refused = try await concerns(["list"], data: data, config: nobody)
            #expect(refused.status != 0)
            #expect(refused.error.contains("\(HostRoles.identity) may not list concern records"))
            #expect(refused.error.contains("recorded"))
            for command in [["show", reference], ["export"], ["audit"], ["alerts"], ["verify"], ["purge"]] {
                #expect(try await concerns(command, data: data, config: nobody).status != 0, "\(command)")
            }
            // A made-up actor is not an option any more.
            let mallory = try await concerns(["list", "--actor", "cli:mallory"], data: data, config: nobody)
            #expect(mallory.status != 0)

            let deputy = try HostRoles.config(in: directory.url, role: "deputy", name: "deputy.yaml")
            let alerts = try await concerns(["alerts"], data: data, config: deputy)
            #expect(alerts.status == 0, "\(alerts.error)")
            #expect(alerts.output.contains("New concern \(reference)"))
            #expect(!alerts.output.contains("reporter:"))
            #expect(try await concerns(["show", reference], data: data, config: deputy).status != 0)
            #expect(try await concerns(["alerts", "--ack", "1"], data: data, config: deputy).status == 0)

            let auditor = try HostRoles.config(in: directory.url, role: "auditors", name: "auditor.yaml")
            let trail = try await concerns(["audit", reference], data: data, config: auditor)
            #expect(trail.status == 0, "\(trail.error)")
            #expect(try await concerns(["verify"], data: data, config: auditor).status == 0)
            for command in [["list"], ["show", reference], ["export"]] {
                #expect(try await concerns(command, data: data, config: auditor).status != 0, "\(command)")
            }

            let lead = try HostRoles.config(in: directory.url, name: "lead.yaml")
            let general = try await concerns(["audit"], data: data, config: lead).output
            let me = HostRoles.identity
            #expect(general.contains("\(me) access_refused (list concern records)"))
            #expect(general.contains("\(me) alerts_listed"))
            #expect(general.contains("\(me) audit_viewed"))
            #expect(general.contains("\(me) verified"))
            let chronology = try await concerns(["audit", reference], data: data, config: lead).output
            #expect(chronology.contains("\(me) access_refused (read a concern record)"))
            #expect(chronology.contains("\(me) alert_acknowledged (alert #1)"))
            #expect(!general.contains("mallory") && !chronology.contains("mallory"))

            // A lead's export holds the record's content and is itself in the record's chronology.
            let export = try await concerns(["export"], data: data, config: lead)
            let records = try JSONSerialization.jsonObject(with: Data(export.output.utf8)) as? [[String: Any]]
            let fields = records?.first?["fields"] as? [String: String]
            #expect(fields?["what_happened"] == "He showed me a propaganda video")
            #expect(
                try await concerns(["audit", reference], data: data, config: lead).output.contains("\(me) exported")
            )
        }
    }

    @Test func aKeyTheUserCannotReadStopsEveryCommandWithNothingChanged() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let (raised, _) = try await dataWithOneConcern(directory)
            // Another user must reach the files: a folder of this test's own under /tmp (TMPDIR may be private), with
            // a copy of the binary (the checkout may be too). `concerns` and `report` need no content beside it.
            let shared = URL(fileURLWithPath: "/tmp").appendingPathComponent("pa-key-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: false)
            defer { try? FileManager.default.removeItem(at: shared) }
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: shared.path)
            let binary = shared.appendingPathComponent("prevent-assist")
            try FileManager.default.copyItem(at: Repository.binary, to: binary)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: binary.path)
            let data = shared.appendingPathComponent("data")
            try FileManager.default.moveItem(at: raised, to: data)
            let database = data.appendingPathComponent(AppDatabase.fileName)
            let keyFile = data.appendingPathComponent(AppDatabase.keyFileName)
            // The service user owns the data directory and the database; the key file is root's, mode 0600.
            let config = try HostRoles.config(in: shared, extra: ["cli:nobody"], name: "config.yaml")
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: config.path)
            for item in try FileManager.default.contentsOfDirectory(atPath: data.path) + [""] {
                let path = data.appendingPathComponent(item).path
                #expect(chown(path, 65_534, 65_534) == 0, "chown \(path): errno \(errno)")
            }
            #expect(chown(keyFile.path, 0, 0) == 0)
            let before = (Self.hash(keyFile), Self.hash(database))
            let listing = try FileManager.default.contentsOfDirectory(atPath: data.path).sorted()
            for command in [["concerns", "list"], ["concerns", "verify"], ["report", "ofs", "--year", "2026-27"]] {
                let result = try await CommandRunner.run(
                    ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path]
                        + command + ["--data", data.path, "--config", config.path],
                    environment: ["PREVENT_ASSIST_LOG_LEVEL": "error"],
                    executable: URL(fileURLWithPath: "/usr/bin/setpriv")
                )
                #expect(result.status != 0, "\(command) ran with a key it cannot read")
                #expect(result.error.contains(keyFile.path) && result.error.contains("owner root"), "\(result.error)")
                #expect(result.error.contains("Nothing was changed"))
            }
            #expect((Self.hash(keyFile), Self.hash(database)) == before)
            let after = try FileManager.default.contentsOfDirectory(atPath: data.path).sorted()
            #expect(after == listing, "\(after) after, \(listing) before")
        }
    }

    @Test func aWrongOrMissingKeyStopsEveryCommandWithNothingChanged() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let (data, _) = try await dataWithOneConcern(directory)
            let database = data.appendingPathComponent(AppDatabase.fileName)
            let keyFile = data.appendingPathComponent(AppDatabase.keyFileName)
            let config = try HostRoles.config(in: directory.url)
            let before = (Self.hash(keyFile), Self.hash(database))
            let wrong = ["PREVENT_ASSIST_KEY": EncryptionKey.generate().base64]
            let chatted = try await chat(Self.answers("a second concern"), user: "kim", data: data, environment: wrong)
            #expect(chatted.status != 0)
            #expect(chatted.error.contains("different key"), "\(chatted.error)")
            for command in [["list"], ["verify"], ["export"]] {
                #expect(try await concerns(command, data: data, config: config, environment: wrong).status != 0)
            }
            let backup = try await CommandRunner.run(
                ["backup", directory.url.appendingPathComponent("copy.sqlite").path, "--data", data.path],
                environment: wrong
            )
            #expect(backup.status != 0)
            #expect((Self.hash(keyFile), Self.hash(database)) == before)

            // Without the key file (and no PREVENT_ASSIST_KEY), no new key is made over the old records.
            let moved = directory.url.appendingPathComponent("key-backup")
            try FileManager.default.moveItem(at: keyFile, to: moved)
            let missing = try await chat(["hello"], user: "kim", data: data)
            #expect(missing.status != 0)
            #expect(missing.error.contains("Restore the key file"), "\(missing.error)")
            #expect(!FileManager.default.fileExists(atPath: keyFile.path))
            #expect(Self.hash(database) == before.1)
            try FileManager.default.moveItem(at: moved, to: keyFile)
            #expect(try await concerns(["verify"], data: data, config: config).status == 0)
        }
    }

    @Test func aDataPathThatIsAFileIsAClearErrorAndIsLeftAlone() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let file = try directory.write("not a directory", to: "data")
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
            let result = try await concerns(["list"], data: file, config: HostRoles.config(in: directory.url))
            #expect(result.status != 0)
            #expect(result.error.contains("is a file, not a directory"), "\(result.error)")
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(mode == 0o644)
        }
    }

    @Test func verifyPassesAHealthyStoreAndNamesTheRecordAfterTampering() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let (data, reference) = try await dataWithOneConcern(directory)
            let config = try HostRoles.config(in: directory.url)
            let healthy = try await concerns(["verify"], data: data, config: config)
            #expect(healthy.status == 0, "\(healthy.output)\(healthy.error)")
            #expect(healthy.output.contains("The store is sound"))

            let queue = try DatabaseQueue(path: data.appendingPathComponent(AppDatabase.fileName).path)
            try await queue.write { db in
                try db.execute(sql: "DROP TRIGGER concern_events_no_update")
                try db.execute(sql: "UPDATE concern_events SET at = at - 86400 WHERE action = 'created'")
            }
            try queue.close()
            let tampered = try await concerns(["verify"], data: data, config: config)
            #expect(tampered.status == 1)
            #expect(tampered.output.contains("PROBLEM \(reference) event #"), "\(tampered.output)")
        }
    }

    @Test func escapesTypedIntoAConcernNeverReachATerminalOrASpreadsheet() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let hostile = "He said\u{1B}[8m hidden \u{1B}]52;c;ZXZpbA==\u{07} =HYPERLINK(\"x\")"
            let (data, reference) = try await dataWithOneConcern(directory, what: hostile)
            let config = try HostRoles.config(in: directory.url)
            let show = try await concerns(["show", reference], data: data, config: config)
            let csv = try await concerns(["export", "--format", "csv"], data: data, config: config)
            for output in [show.output, csv.output] {
                #expect(!output.unicodeScalars.contains { ControlCharacters.isControl($0) })
                #expect(output.contains("⟨U+001B⟩[8m hidden"))
            }
            #expect(!csv.output.contains(",=HYPERLINK"))
        }
    }

    @Test func twoTerminalsAndTheHostToolsShareADataDirectoryWithoutCrossingOrLocking() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            let config = try HostRoles.config(in: directory.url)
            // Create the store and its key first, as an installed service would have.
            #expect(try await chat(["hello"], user: "setup", data: data).status == 0)
            async let sam = chat(Self.answers("SAM-SECRET saw a flag"), user: "sam", data: data)
            async let kim = chat(Self.answers("KIM-SECRET heard a threat"), user: "kim", data: data)
            async let host: [CommandRunner.Result] = withThrowingTaskGroup(of: CommandRunner.Result.self) { group in
                for _ in 0..<10 { group.addTask { try await concerns(["list"], data: data, config: config) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let (samResult, kimResult, hostResults) = try await (sam, kim, host)
            for result in [samResult, kimResult] + hostResults {
                #expect(result.status == 0, "\(result.error)")
                #expect(!result.error.contains("locked"), "\(result.error)")
            }
            #expect(samResult.output.contains("SAM-SECRET") && !samResult.output.contains("KIM-SECRET"))
            #expect(kimResult.output.contains("KIM-SECRET") && !kimResult.output.contains("SAM-SECRET"))
            let list = try await concerns(["list", "--format", "json"], data: data, config: config)
            let records = try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]]
            #expect(records?.count == 2)
            #expect(try await concerns(["verify"], data: data, config: config).status == 0)
        }
    }

    @Test func anUnreadableSavedFormIsKeptAsItIsAndThePersonIsTold() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            let started = try await chat(["I want to raise a concern", "1", "Jo Example"], user: "sam", data: data)
            #expect(started.status == 0, "\(started.error)")
            let file = data.appendingPathComponent(AppDatabase.fileName).path
            let queue = try DatabaseQueue(path: file)
            let sql = "SELECT state_sealed FROM conversations WHERE has_draft = 1"
            try await queue.write { db in
                try db.execute(
                    sql:
                        "UPDATE conversations SET state_sealed = substr(state_sealed, 1, 40) || X'00' || substr(state_sealed, 42)"
                )
            }
            let before = try await queue.read { db in try Data.fetchOne(db, sql: sql) }
            try queue.close()
            #expect(before != nil)

            let next = try await chat(["He showed me a video", "today"], user: "sam", data: data)
            #expect(next.status == 0, "\(next.error)")
            #expect(next.output.contains("can't open what you were working on"), "\(next.output)")
            #expect(!next.output.contains("recorded as PC-"))
            let after = try DatabaseQueue(path: file)
            let kept = try await after.read { db in try Data.fetchOne(db, sql: sql) }
            #expect(kept == before, "the saved form was replaced")
            try after.close()
        }
    }
}
