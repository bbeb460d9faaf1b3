public import AssistantCore
import Foundation
import Platforms
public import Storage

/// What the assistant tidies in its data directory: unfinished forms past the draft expiry (they hold a concern's
/// first answers, sealed), the records of messages handled more than 30 days ago, and the per-part send records
/// adapters keep for retries (``SentPartRecord``) after 7 days, and questions kept for review after
/// `learning.keep_days` (``LearningStore``). `serve` runs it at start and then every ten minutes
/// (``HousekeepingService``); `chat` runs it at start.
public struct Housekeeping: Sendable {
    /// How many rows one run removed.
    public struct Report: Sendable, Hashable {
        public var expiredDrafts = 0
        public var handledMessages = 0
        public var sentPartRecords = 0
        public var keptQuestions = 0

        public init(expiredDrafts: Int = 0, handledMessages: Int = 0, sentPartRecords: Int = 0, keptQuestions: Int = 0)
        {
            self.expiredDrafts = expiredDrafts
            self.handledMessages = handledMessages
            self.sentPartRecords = sentPartRecords
            self.keptQuestions = keptQuestions
        }

        public var isEmpty: Bool {
            expiredDrafts == 0 && handledMessages == 0 && sentPartRecords == 0 && keptQuestions == 0
        }
    }

    /// Seconds a handled message's record is kept: far longer than any replay from an uncommitted cursor.
    public static let handledMessageRetention: Int64 = 30 * 86_400
    /// Seconds a sent part's record is kept: far longer than any retry of the send.
    public static let sentPartRetention: Int64 = 7 * 86_400

    let database: AppDatabase
    let draftExpiry: Int64
    let learning: LearningSettings

    /// - Parameters:
    ///   - draftExpiryHours: `drafts.expire_after_hours` from the configuration.
    ///   - learning: `learning` from the configuration: kept questions older than `keep_days` are removed (even
    ///     when learning has since been turned off).
    public init(database: AppDatabase, draftExpiryHours: Int, learning: LearningSettings = LearningSettings()) {
        self.database = database
        draftExpiry = Int64(draftExpiryHours) * 3_600
        self.learning = learning
    }

    /// Removes what has expired by `time` (seconds since 1970).
    public func run(at time: Int64) throws(StorageError) -> Report {
        let platforms = PlatformStateStore(database: database)
        var report = Report()
        report.expiredDrafts = try ConversationStore(database: database).purgeExpiredDrafts(
            maxAge: draftExpiry,
            at: time
        )
        report.handledMessages = try platforms.pruneHandledMessages(before: time - Self.handledMessageRetention)
        report.sentPartRecords = try platforms.pruneValues(
            named: SentPartRecord.prefix,
            before: time - Self.sentPartRetention
        )
        report.keptQuestions = try LearningStore(database: database).purge(before: time - learning.keepSeconds)
        return report
    }
}
