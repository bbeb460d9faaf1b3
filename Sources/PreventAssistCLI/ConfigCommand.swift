import ArgumentParser
import Foundation
import KnowledgeLoader

/// `prevent-assist config`: the institution configuration.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Institution configuration tools.",
        subcommands: [ConfigCheckCommand.self]
    )
}

/// `prevent-assist config check FILE`: every problem in a configuration file at once, each with its line.
struct ConfigCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a configuration file; exits 1 and lists every problem, with its line, if there are any.",
        discussion: """
            Checks: unknown keys (with the nearest known key), wrong types, numbers out of their documented range \
            (alerts.escalate_after_minutes 1-10080, drafts.expire_after_hours 1-8760, retention *_months 1-1200, \
            each platform's settings: docs/reliability.md), role identities written platform:id, and each \
            platform's required settings. Secrets are not read: environment variables are checked by 'serve --check'.
            """
    )

    @Argument(help: "The configuration file (prevent-assist.yaml).")
    var file: String

    func run() throws {
        let url = URL(fileURLWithPath: file)
        let problems: [KnowledgeLoadError]
        do throws(KnowledgeLoadError) {
            problems = InstitutionConfiguration.check(try InstitutionConfiguration.text(of: url), file: file)
        } catch {
            problems = [error]
        }
        for problem in problems { print(problem) }
        if problems.isEmpty {
            print("config check: \(file): no problems")
        } else {
            print("config check: \(file): \(problems.count) problem\(problems.count == 1 ? "" : "s")")
            throw ExitCode(1)
        }
    }
}
