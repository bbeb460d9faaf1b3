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
            audiences and jurisdictions, and the safety screen's rules. With knowledge/publishers.yaml, the source \
            rule: every source names a listed publisher and sits on one of its hosts, non-primary sources are marked \
            secondary, every article cites a primary source and at least \
            \(CitationCheck.percent(CitationCheck.minimumPrimaryShare)) of citations are primary. Then, when \
            nothing else is wrong, each article's answer checks are asked through the trained matcher (at least \
            \(AnswerCheckRunner.minimumChecks) per article). Prints the share of primary citations and a coverage \
            table per intent (examples, distinct opening words, question forms, staff roles).
            """
    )

    @OptionGroup var content: ContentOptions

    @Flag(name: .long, help: "Skip the answer checks (no model is trained or loaded).")
    var skipAnswers = false

    @Flag(name: .long, help: "Leave out the coverage table.")
    var noCoverage = false

    @Option(name: .long, help: "Check review dates against this day (YYYY-MM-DD) instead of today.")
    var today: String?

    func run() throws {
        let root = try ContentLocator().knowledgeRoot(explicit: content.kb)
        guard let day = today.map({ CalendarDate(iso: $0) }) ?? Self.currentDate() else {
            throw ValidationError("--today must be a date written YYYY-MM-DD")
        }
        let loaded = KnowledgeDirectory(root: root).load()
        var problems = loaded.check(today: day)
        if !noCoverage {
            print(ExampleCoverage.heading)
            for row in loaded.coverage { print(row.row) }
            print("")
        }
        if let publishers = loaded.publishers {
            let summary = CitationCheck(publishers: publishers.value).summary(loaded.reviews)
            print(
                "sources: \(summary.primary) of \(summary.citations) citations primary "
                    + "(\(CitationCheck.percent(summary.primaryShare)))"
            )
        }
        if skipAnswers {
            print("answer checks: skipped")
        } else if problems.isEmpty {
            let setup = try content.setup()
            let result = AnswerCheckRunner(assistant: setup.assistant).run(loaded.reviews)
            print("answer checks: \(result.passed) of \(result.total) passed")
            problems += result.problems
        } else {
            print("answer checks: not run until the problems below are fixed")
        }
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
        CalendarDate(unixSeconds: UnixClock.system.seconds)
    }
}
