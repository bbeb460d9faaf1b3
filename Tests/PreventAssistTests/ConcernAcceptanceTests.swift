import AssistantCore
import Foundation
import PreventAssistTesting
import Storage
import Testing

/// The concern form end to end through the real binary, real SQLite files and real encryption.
@Suite(.timeLimit(.minutes(3)))
struct ConcernAcceptanceTests {
    static let secret = "He said the attack on the chapel was deserved and showed me a video QZX"
    static let answers = [
        "I want to raise a concern", "1", "Jo Example 1234567", secret, "what is channel?", "yesterday", "the library",
        "no", "2", "no one", "same", "change where", "seminar room 2, Arts building", "yes",
    ]

    func chat(
        _ lines: [String],
        user: String = "sam",
        data: URL,
        config: URL? = nil,
        logLevel: String = "trace"
    ) async throws
        -> CommandRunner.Result
    {
        var arguments = ["chat", "--user", user, "--data", data.path]
        if let config { arguments += ["--config", config.path] }
        return try await CommandRunner.run(
            arguments,
            input: lines.joined(separator: "\n") + "\n",
            environment: ["PREVENT_ASSIST_LOG_LEVEL": logLevel]
        )
    }

    /// Runs `concerns …` as this host user, a lead by `config` (by default a configuration beside `data` that
    /// names only this host user).
    func concerns(_ arguments: [String], data: URL, config: URL? = nil) async throws -> CommandRunner.Result {
        let config =
            try config
            ?? HostRoles.config(in: data.deletingLastPathComponent(), name: "host-lead.yaml")
        return try await CommandRunner.run(
            ["concerns"] + arguments + ["--data", data.path, "--config", config.path],
            environment: ["PREVENT_ASSIST_LOG_LEVEL": "error", "USER": "lead-on-host"]
        )
    }

    @Test func aBackupRestoresIntoAnotherDataDirectoryWithTheKey() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            #expect(try await chat(Self.answers, data: data).status == 0)
            let copy = directory.url.appendingPathComponent("nightly.sqlite")
            let backup = try await CommandRunner.run(["backup", copy.path, "--data", data.path])
            #expect(backup.status == 0, "\(backup.error)")
            #expect(backup.output.contains("integrity: ok"))
            #expect(backup.output.contains("concern records: 1"))
            #expect(
                try await CommandRunner.run(["backup", copy.path, "--data", data.path]).status != 0,
                "never overwrites"
            )
            let nowhere = directory.url.appendingPathComponent("no-data")
            let missing = try await CommandRunner.run([
                "backup", directory.url.appendingPathComponent("x").path, "--data", nowhere.path,
            ])
            #expect(missing.status != 0 && missing.error.contains("no database"))

            // Restore: the copy as the database of a new data directory, with the same key.
            let restored = directory.url.appendingPathComponent("restored")
            try FileManager.default.createDirectory(at: restored, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: copy, to: restored.appendingPathComponent("prevent-assist.sqlite"))
            try FileManager.default.copyItem(
                at: data.appendingPathComponent("prevent-assist.key"),
                to: restored.appendingPathComponent("prevent-assist.key")
            )
            let list = try await concerns(["list", "--format", "json"], data: restored)
            let records = try #require(
                try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]]
            )
            let reference = try #require(records.first?["reference"] as? String)
            #expect(try await concerns(["show", reference], data: restored).output.contains(Self.secret))
        }
    }

    @Test func raiseDigressChangeAndSubmitCreatesExactlyOneRecordMatchingEveryAnswer() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            let result = try await chat(Self.answers, data: data)
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output.contains("Channel is voluntary support"))  // the digression was answered
            #expect(result.output.contains("Back to your concern:"))
            #expect(result.output.contains("recorded as PC-"))

            let list = try await concerns(["list", "--format", "json"], data: data)
            let records = try #require(
                try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]]
            )
            #expect(records.count == 1)
            let reference = try #require(records.first?["reference"] as? String)

            let show = try await concerns(["show", reference], data: data)
            for expected in [
                "Who it is about: A student", "Name or ID: Jo Example 1234567",
                "What was seen or heard: \(Self.secret)",
                "Where: seminar room 2, Arts building", "Anyone in danger now: No",
                "Kind of concern: Extremist material",
                "Who else knows: no one", "How to contact you: console:sam",
            ] {
                #expect(show.output.contains(expected), "missing \(expected)")
            }
            let yesterday = CalendarDate(unixSeconds: Int64(Date().timeIntervalSince1970)).adding(days: -1)
            #expect(show.output.contains("When: \(yesterday)"))
            #expect(!show.output.contains("Where: the library"))

            // The free text is nowhere in the data directory's files, nor in any log output at any level.
            for file in try FileManager.default.contentsOfDirectory(atPath: data.path) {
                let path = data.appendingPathComponent(file).path
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
                else {
                    continue
                }
                let bytes = try #require(FileManager.default.contents(atPath: path), "\(file)")
                #expect(bytes.range(of: Data(Self.secret.utf8)) == nil, "\(file) holds the text in the clear")
            }
            #expect(!result.error.contains("QZX"))
            #expect(result.error.contains("concern stored"))  // logging was on, at trace level
        }
    }

    @Test func aCancelledConversationCreatesNoRecord() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            let result = try await chat(["raise a concern", "1", "skip", Self.secret, "cancel", "yes"], data: data)
            #expect(result.output.contains("nothing you told me has been kept"))
            let list = try await concerns(["list"], data: data)
            #expect(list.output.contains("No concern records."))
            let bytes = try #require(
                FileManager.default.contents(atPath: data.appendingPathComponent(AppDatabase.fileName).path)
            )
            #expect(bytes.range(of: Data(Self.secret.utf8)) == nil)
        }
    }

    @Test func killedAfterTheThirdAnswerResumesAtTheFourthQuestion() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            let process = Process()
            process.executableURL = Repository.binary
            process.arguments = ["chat", "--user", "sam", "--data", data.path]
            await CommandRunner.warmCache()
            process.environment = ProcessInfo.processInfo.environment.merging([
                "PREVENT_ASSIST_LOG_LEVEL": "error", "PREVENT_ASSIST_MODEL_CACHE": SharedAssistant.modelCache.path,
            ]) { $1 }
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Start the form, then answer three questions: who, name, what happened.
            input.fileHandleForWriting.write(Data("raise a concern\n1\nJo Example\n\(Self.secret)\n".utf8))
            let reader = output.fileHandleForReading
            let seen = await OwnThread.run {
                var seen = ""
                let deadline = Date().addingTimeInterval(90)
                while !seen.contains("When did it happen?"), Date() < deadline {
                    let chunk = reader.availableData
                    if chunk.isEmpty { break }  // end of file: the process has gone
                    seen += String(decoding: chunk, as: UTF8.self)
                }
                return seen
            }
            #expect(seen.contains("When did it happen?"))
            kill(process.processIdentifier, SIGKILL)
            await process.exited()
            #expect(process.terminationReason == .uncaughtSignal)

            let resumed = try await chat(["today"], data: data)
            #expect(resumed.output.contains("Welcome back"))
            let notice = try #require(resumed.output.components(separatedBy: "bot> ").dropFirst().first)
            #expect(notice.contains("When did it happen?"))
            #expect(resumed.output.contains("Where did it happen?"))  // "today" answered the fourth question
        }
    }

    @Test func nonLeadIsRefusedAndEveryReadAndRefusalIsAudited() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data")
            let config = try HostRoles.config(in: directory.url, extra: ["console:lead"])
            _ = try await chat(Self.answers, data: data, config: config)
            let reference = try #require(
                try await concerns(["list"], data: data, config: config).output.split(separator: " ").first.map(
                    String.init
                )
            )

            let sam = try await chat(["list concerns", "show \(reference)"], user: "sam", data: data, config: config)
            #expect(sam.output.contains("only the safeguarding leads can see concern records"))
            #expect(sam.output.contains("\(reference) (raised"))  // the reporter sees the stage of their own
            #expect(!sam.output.contains(Self.secret))
            let other = try await chat(["show \(reference)"], user: "alex", data: data, config: config)
            #expect(other.output.contains("only the safeguarding leads"))
            #expect(!other.output.contains(Self.secret))

            let lead = try await chat(["list concerns", "show \(reference)"], user: "lead", data: data, config: config)
            #expect(lead.output.contains(reference))
            #expect(lead.output.contains(Self.secret))

            let audit = try await concerns(["audit", reference], data: data, config: config).output
            #expect(audit.contains("console:lead viewed"))
            #expect(audit.contains("console:alex access_refused (read \(reference))"))
            let general = try await concerns(["audit"], data: data, config: config).output
            #expect(general.contains("console:sam access_refused (list concerns)"))
            #expect(general.contains("console:lead listed"))
            // The host user from the system, whatever $USER says.
            #expect(general.contains("\(HostRoles.identity) listed"))
            #expect(!general.contains("lead-on-host"))
        }
    }

    @Test func ofsReportOnAFixtureWithKnownStageHistoriesGivesTheKnownCounts() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let key = EncryptionKey.generate()
            let database = try AppDatabase(file: directory.url.appendingPathComponent(AppDatabase.fileName), key: key)
            let store = ConcernStore(database: database)
            let august2025: Int64 = 1_754_006_400  // 2025-08-01
            let day: Int64 = 86_400
            func concern(_ stages: [(ConcernStage, Int64)], ideology: IdeologyCategory?) throws {
                let submission = FormSubmission(
                    formID: "raise_concern",
                    reporterID: "console:x",
                    urgent: false,
                    fields: []
                )
                let reference = try store.create(submission, at: august2025)
                if let ideology {
                    try store.update(
                        reference,
                        stage: .triaged,
                        ideology: ideology,
                        note: "Triaged with the tutor",
                        actor: "lead",
                        at: august2025 + day
                    )
                }
                for (stage, offset) in stages {
                    try store.update(
                        reference,
                        stage: stage,
                        note: "Rationale for \(stage.rawValue)",
                        actor: "lead",
                        at: august2025 + offset * day
                    )
                }
            }
            try concern(
                [(.escalatedToPreventLead, 10), (.externalAdviceSought, 20), (.referred, 30)],
                ideology: .islamist
            )
            try concern([(.escalatedToPreventLead, 10), (.externalAdviceSought, 20)], ideology: .extremeRightWing)
            try concern([(.escalatedToPreventLead, 10)], ideology: .mixedUnclearUnstable)
            try concern([(.escalatedToPreventLead, 10)], ideology: .mixedUnclearUnstable)
            try concern([(.escalatedToPreventLead, 400)], ideology: .other)  // September 2026: the next academic year
            try concern([], ideology: nil)  // reported only

            let result = try await CommandRunner.run(
                [
                    "report", "ofs", "--year", "2025-26", "--format", "json", "--data", directory.url.path,
                    "--config", try HostRoles.config(in: directory.url).path,
                ],
                environment: ["PREVENT_ASSIST_KEY": key.base64, "PREVENT_ASSIST_LOG_LEVEL": "error"]
            )
            #expect(result.status == 0, "\(result.error)")
            let object = try #require(
                try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
            )
            let rows = try #require(object["rows"] as? [[String: Any]])
            func row(_ measure: String) -> [String: Any]? { rows.first { $0["measure"] as? String == measure } }
            #expect(row("escalated_to_prevent_lead")?["total"] as? Int == 4)
            #expect(
                (row("escalated_to_prevent_lead")?["by_ideology"] as? [String: Int])?["mixed_unclear_unstable"] == 2
            )
            #expect(row("external_advice_sought")?["total"] as? Int == 2)
            #expect(row("referred")?["total"] as? Int == 1)
            #expect((row("referred")?["by_ideology"] as? [String: Int])?["islamist"] == 1)
        }
    }
}
