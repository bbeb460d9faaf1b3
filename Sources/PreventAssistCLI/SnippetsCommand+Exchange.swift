import ArgumentParser
import AssistantCore
import AssistantService
import CommandLineSupport
import Foundation
import KnowledgeLoader
import Storage

/// `snippets export`, `import` and `key`: signed exchange of snippets with other institutions.
extension SnippetsCommand {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write approved, shareable snippets written here as a bundle signed with this institution's key."
        )
        @OptionGroup var options: Options
        @Option(name: .long, help: "The bundle file to write.") var out: String

        func run() throws {
            let configuration = try options.configuration()
            guard let institution = configuration.institution[.name] else {
                throw ValidationError("set institution.name in the configuration: bundles carry it as attribution")
            }
            let store = try options.store(configuration)
            let key = try SnippetText.signingKey(configuration, directory: options.directory(configuration))
            let bundle = try store.exportBundle(
                institution: institution,
                key: key,
                today: CalendarDate(unixSeconds: options.now)
            )
            try bundle.fileBytes().write(to: URL(fileURLWithPath: out))
            print("Exported \(bundle.snippets.count) snippets from \(institution) to \(out).")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify a bundle from a trusted institution and queue its snippets for local moderation.",
            discussion: """
                The bundle's public key must be listed under snippets.trusted_institutions with the same name, and \
                its signature must verify; otherwise nothing is imported. Snippets already here are skipped.
                """
        )
        @OptionGroup var options: Options
        @Argument(help: "The bundle file.") var file: String

        func run() throws {
            let configuration = try options.configuration()
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file)")
            }
            let hashes = Set(try options.seeds().map { SnippetStore.contentHash($0.snippet) })
            let result: SnippetStore.ImportResult
            do {
                result = try options.store(configuration).importBundle(
                    data,
                    trusted: configuration.snippets.trustedInstitutions,
                    knownHashes: hashes,
                    actor: options.actorName,
                    at: options.now
                )
            } catch {
                throw ServiceError("refused \(file): \(error). Nothing was imported.")
            }
            print(
                "Imported \(result.imported.count) snippets from \(result.institution) for moderation"
                    + (result.imported.isEmpty ? "" : " (\(result.imported.joined(separator: ", ")))")
                    + "; \(result.duplicates) already here."
            )
        }
    }

    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print this institution's public key, for other institutions' trusted_institutions."
        )
        @OptionGroup var options: Options

        func run() throws {
            let configuration = try options.configuration()
            let directory = options.directory(configuration)
            try directory.prepare()
            print(try SnippetText.signingKey(configuration, directory: directory).publicKeyBase64)
        }
    }
}
