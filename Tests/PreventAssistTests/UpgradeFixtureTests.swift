import Foundation
import PreventAssistTesting
import Storage
import Testing

/// A store written by the previous version's binary (commit ab5a6f2, before the tamper-evident chronology: a piped
/// `chat` raising one concern, with the key file it made) opens with this version's binary: the migrations run on
/// open, the record reads back with its text, and `concerns verify` finds the whole store sound. How the fixture was
/// made: Resources/upgrade-fixture/README.md.
@Suite(.timeLimit(.minutes(3)))
struct UpgradeFixtureTests {
    static let fixture = Repository.root.appendingPathComponent(
        "Tests/PreventAssistTests/Resources/upgrade-fixture",
        isDirectory: true
    )
    /// What the fixture's concern says happened (typed into the previous version's chat).
    static let text = "UPGRADE-FIXTURE he showed me a propaganda video"
    static let reference = "PC-2026-0001"

    func run(_ arguments: [String]) async throws -> ProcessOutput {
        var environment = ProcessInfo.processInfo.environment
        for name in ["PREVENT_ASSIST_CONFIG", "PREVENT_ASSIST_KB", "PREVENT_ASSIST_KEY", "CREDENTIALS_DIRECTORY"] {
            environment[name] = nil
        }
        environment["PREVENT_ASSIST_LOG_LEVEL"] = "error"
        return try await ProcessOutput.run(Repository.binary, arguments, environment: environment)
    }

    @Test func aStoreWrittenByThePreviousVersionOpensReadsBackAndVerifies() async throws {
        try await TemporaryDirectory.asyncWith { directory in
            let data = directory.url.appendingPathComponent("data", isDirectory: true)
            let manager = FileManager.default
            try manager.createDirectory(
                at: data,
                withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700]
            )
            for name in [AppDatabase.fileName, AppDatabase.keyFileName] {
                try manager.copyItem(
                    at: Self.fixture.appendingPathComponent(name),
                    to: data.appendingPathComponent(name)
                )
            }
            // git keeps no file modes beyond the executable bit: the key file gets its own back.
            try manager.setAttributes(
                [.posixPermissions: 0o600],
                ofItemAtPath: data.appendingPathComponent(AppDatabase.keyFileName).path
            )
            let config = try HostRoles.config(in: directory.url)
            let options = ["--data", data.path, "--config", config.path]

            let verify = try await run(["concerns", "verify"] + options)
            #expect(verify.status == 0, "\(verify.output)\(verify.error)")
            #expect(verify.output.contains("The store is sound"), "\(verify.output)")

            let list = try await run(["concerns", "list"] + options)
            #expect(list.status == 0, "\(list.error)")
            #expect(list.output.contains(Self.reference), "\(list.output)")

            let show = try await run(["concerns", "show", Self.reference] + options)
            #expect(show.status == 0, "\(show.error)")
            #expect(show.output.contains(Self.text), "\(show.output)")

            // Verified again after the reads were audited: the upgraded chain takes new events.
            let again = try await run(["concerns", "verify"] + options)
            #expect(again.status == 0, "\(again.output)\(again.error)")
        }
    }
}
