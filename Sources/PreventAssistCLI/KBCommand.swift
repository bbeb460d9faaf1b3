import ArgumentParser
import AssistantCore
import AssistantService
import Foundation
import KnowledgeLoader

/// `prevent-assist kb`: knowledge-base maintenance.
struct KBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Knowledge-base maintenance.",
        subcommands: [KBCheckCommand.self]
    )
}

/// `prevent-assist kb check`: validates the whole knowledge base and lists every problem.
struct KBCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the knowledge base; exits 1 and lists every problem if there are any.",
        discussion: """
            Checks: duplicate ids, intents pointing at missing articles, articles no intent reaches, fewer than \
            \(KnowledgeCheck.minimumExamples) examples on an intent, one example under two intents, missing sources, \
            review_due in the past, placeholders the configuration does not define, broken follow-up ids, unknown \
            audiences and jurisdictions, and the safety screen's rules.
            """
    )

    @Option(name: .long, help: "Knowledge base folder with intents/ and knowledge/ (default: the shipped content).")
    var kb: String?

    @Option(name: .long, help: "Check review dates against this day (YYYY-MM-DD) instead of today.")
    var today: String?

    func run() throws {
        let root = try ContentLocator().knowledgeRoot(explicit: kb)
        guard let day = today.map({ CalendarDate(iso: $0) }) ?? Self.currentDate() else {
            throw ValidationError("--today must be a date written YYYY-MM-DD")
        }
        let loaded = KnowledgeDirectory(root: root).load()
        let problems = loaded.check(today: day)
        for problem in problems { print(problem) }
        let summary =
            "\(loaded.intents.count) intents, \(loaded.articles.count) articles, \(loaded.snippets.count) snippets"
        if problems.isEmpty {
            print("kb check: \(summary): no problems")
        } else {
            print("kb check: \(summary): \(problems.count) problem\(problems.count == 1 ? "" : "s")")
            throw ExitCode(1)
        }
    }

    static func currentDate() -> CalendarDate? {
        let parts = Calendar(identifier: .gregorian).dateComponents(
            in: TimeZone(identifier: "UTC") ?? .current,
            from: Date()
        )
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        return CalendarDate(year: year, month: month, day: day)
    }
}
