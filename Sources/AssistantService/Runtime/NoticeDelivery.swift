import AssistantCore
import Logging
import Platforms
import Storage

/// Posts what waits for people other than the one who wrote: the safeguarding team's alerts (escalating urgent ones
/// no lead acknowledged in time to the deputies) and snippet notices, each to the targets ``PlatformRunner/AlertRouting``
/// gives it on this platform. One path for both: each is posted to every target with its own idempotency key, then
/// marked delivered, so a restart never posts one twice; one with no target here stays queued for another platform.
/// Alerts carry a reference, urgency and stage only.
struct NoticeDelivery: Sendable {
    let platform: any ChatPlatform
    let database: AppDatabase
    let routing: PlatformRunner.AlertRouting
    let clock: RuntimeClock
    let logger: Logger

    /// One queued alert or notice, ready to post.
    struct Pending: Sendable {
        let reply: Reply
        let targets: [NoticeTarget]
        /// Marks it delivered at a time.
        let markDelivered: @Sendable (Int64) throws(StorageError) -> Void
        /// What the log says when it was delivered (ids only, never text).
        let logMessage: Logger.Message
        let logMetadata: Logger.Metadata
    }

    /// Escalates overdue urgent alerts, then posts every pending alert and snippet notice that belongs here.
    func deliver() async throws {
        let alerts = AlertOutbox(database: database)
        try alerts.escalateUnacknowledged(after: routing.escalateAfter, at: clock.now())
        for notice in try pending() where !notice.targets.isEmpty {
            for target in notice.targets {
                let conversation: String
                switch target.place {
                case .room(let room): conversation = room
                case .person(let user): conversation = try await platform.openDirectConversation(with: user)
                }
                try await platform.send(
                    notice.reply,
                    to: conversation,
                    replyingTo: nil,
                    idempotencyKey: target.idempotencyKey
                )
            }
            try notice.markDelivered(clock.now())
            logger.notice(notice.logMessage, metadata: notice.logMetadata)
        }
    }

    /// The pending alerts (oldest first), then the pending snippet notices, with their targets on this platform.
    func pending() throws(StorageError) -> [Pending] {
        let alerts = AlertOutbox(database: database)
        let snippets = SnippetStore(database: database)
        let kind = platform.kind
        let alertNotices = try alerts.pending().map { alert in
            Pending(
                reply: Reply(kind: alert.urgent ? .emergency : .notice, text: alert.text),
                targets: routing.alertTargets(recipient: alert.recipient, id: alert.id, platformKind: kind),
                markDelivered: { (time: Int64) throws(StorageError) in try alerts.markDelivered(alert.id, at: time) },
                logMessage: "alert delivered",
                logMetadata: ["alert": "\(alert.id)", "recipient": "\(alert.recipient)"]
            )
        }
        let snippetNotices = try snippets.pendingNotices().map { notice in
            Pending(
                reply: Reply(kind: .notice, text: notice.text),
                targets: routing.snippetTargets(recipient: notice.recipient, id: notice.id, platformKind: kind),
                markDelivered: { (time: Int64) throws(StorageError) in try snippets.markDelivered(notice.id, at: time)
                },
                logMessage: "snippet notice delivered",
                logMetadata: ["notice": "\(notice.id)"]
            )
        }
        return alertNotices + snippetNotices
    }
}
