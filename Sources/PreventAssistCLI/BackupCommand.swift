import ArgumentParser
import AssistantService
import Foundation
import KnowledgeLoader
import Storage

/// `prevent-assist backup FILE`: a consistent copy of the database, taken while `serve` runs, then checked.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a new file (safe while serve runs) and check the copy.",
        discussion: """
            Uses SQLite's online backup, so the copy is consistent even while the service writes. The copy is then \
            checked (SQLite integrity check and the same check as 'concerns verify': every sealed value opens with \
            the current key, the chronology chain is unbroken, stages follow the pathway) and the command exits 1 \
            if the check fails. Concern details stay encrypted in the copy, and the key is not in it: keep \
            PREVENT_ASSIST_KEY (or the key file) somewhere else. Restore by stopping the service and putting the \
            copy back as prevent-assist.sqlite in the data directory.
            """
    )

    @Argument(help: "The new file to write (never overwritten).")
    var file: String

    @OptionGroup var options: ConcernsCommand.Options

    func run() throws {
        let destination = URL(fileURLWithPath: file)
        let directory = DataDirectory.resolve(
            explicit: options.data,
            configured: try options.configuration().dataDirectory
        )
        let source = directory.url.appendingPathComponent(AppDatabase.fileName)
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw ValidationError("no database at \(source.path): check --data or the configuration's data_dir")
        }
        let report = try options.database().backup(to: destination)
        print(
            """
            backup: \(report.file.path) (\(report.bytes) bytes)
            integrity: \(report.integrity)
            concern records: \(report.concerns), snippets: \(report.snippets)
            sealed values: \(report.sealedValues), checked with key \(report.keyID)
            problems: \(report.problems.count)
            """
        )
        for problem in report.problems { print("- \(problem)") }
        guard report.isSound else {
            FileHandle.standardError.write(
                Data("backup check failed: the copy is kept for inspection, but do not rely on it\n".utf8)
            )
            throw ExitCode(1)
        }
    }
}
