import ArgumentParser
import AssistantCore
import AssistantService
import Foundation
import KnowledgeLoader
import Storage

/// `prevent-assist housekeeping`: the retention purge and the expired-draft purge, for a timer. It acts as
/// `system:housekeeping` (not the host user), applies only the configuration's retention policy, and each record it
/// purges gets its `purged` event in the chronology like any purge, so it needs no role.
struct HousekeepingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "housekeeping",
        abstract: "Purge closed records past retention and expired drafts (what the daily timer runs).",
        discussion: """
            Purges the content of closed concern records whose retention period ('retention:' in the \
            configuration) has passed, leaving a tombstone and an audited 'purged' event by \(actor); then removes \
            unfinished forms older than drafts.expire_after_hours, old delivery bookkeeping, and questions kept for review \
            longer than learning.keep_days. Prints what it did. \
            With no retention periods configured nothing is purged.
            """
    )

    /// Who the chronology names for purges made here.
    static let actor = "system:housekeeping"

    @OptionGroup var options: ConcernsCommand.Options

    func run() throws {
        let configuration = try options.configuration()
        let database = try options.database()
        let now = options.now
        let purged = try ConcernStore(database: database).purge(
            policy: configuration.retention,
            today: CalendarDate(unixSeconds: now),
            actor: Self.actor,
            at: now,
            dryRun: false
        )
        let report = try Housekeeping(
            database: database,
            draftExpiryHours: configuration.draftExpiryHours,
            learning: configuration.learning
        ).run(at: now)
        print(
            purged.isEmpty
                ? "retention purge: nothing is due"
                : "retention purge: purged \(purged.count) (\(purged.joined(separator: ", ")))"
        )
        print("expired drafts removed: \(report.expiredDrafts)")
        print(
            "handled-message records removed: \(report.handledMessages), sent-part records: \(report.sentPartRecords)"
        )
        print(
            "kept questions past learning.keep_days (\(configuration.learning.keepDays)) removed: \(report.keptQuestions)"
        )
    }
}
