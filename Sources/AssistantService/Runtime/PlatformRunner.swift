import AssistantCore
import Foundation
public import Logging
public import Platforms
public import ServiceLifecycle
import Storage
import Synchronization

/// Polls one chat platform and answers it: the runtime's loop for one account, run as a `Service`.
///
/// For each batch, in order: skip messages already handled; handle the message (effects, state, the handled mark and
/// the replies queued, in one transaction); send the queued replies with idempotency keys derived from the message;
/// then commit the cursor. A crash anywhere replays from the last cursor: handled messages are not answered again and
/// queued replies are sent again with the same keys. 429s are waited out, 5xx and network errors backed off,
/// refused credentials end this platform only. On graceful shutdown the long-poll is cancelled, the batch in hand is
/// finished and its cursor committed.
public final class PlatformRunner: Service, Sendable {
    /// What the runner is doing, for health checks.
    public enum Status: Sendable, Hashable {
        case starting
        case polling
        case backingOff(String)
        case stopped(String)
    }

    public let platform: any ChatPlatform
    let engine: ConversationEngine
    let store: PlatformStateStore
    let logger: Logger
    let backoff: Backoff
    private let status = StatusBox()

    /// Where this platform posts the safeguarding team's alerts, and who gets escalations.
    public struct AlertRouting: Sendable {
        /// The safeguarding team's room on this platform (`alerts.<platform-id>`), if any.
        public let teamRoom: String?
        /// Deputies' identities on this platform (`platform:id`), who get escalations in a direct conversation.
        public let deputies: [String]
        /// Seconds before an unacknowledged urgent alert is escalated.
        public let escalateAfter: Int64
        /// The snippet moderators' room on this platform (`snippets.moderator_rooms.<platform-id>`), if any.
        public let moderatorRoom: String?
        /// Snippet moderators (`platform:id`); told in a direct conversation when there is no moderator room.
        public let moderators: [String]

        public init(
            teamRoom: String?,
            deputies: [String] = [],
            escalateAfter: Int64 = 1_800,
            moderatorRoom: String? = nil,
            moderators: [String] = []
        ) {
            self.teamRoom = teamRoom
            self.deputies = deputies
            self.escalateAfter = escalateAfter
            self.moderatorRoom = moderatorRoom
            self.moderators = moderators
        }
    }

    let alerts: AlertRouting

    public init(
        platform: any ChatPlatform,
        engine: ConversationEngine,
        logger: Logger,
        backoff: Backoff = Backoff(),
        alerts: AlertRouting = AlertRouting(teamRoom: nil)
    ) {
        self.platform = platform
        self.engine = engine
        self.alerts = alerts
        self.store = PlatformStateStore(database: engine.database)
        var logger = logger
        logger[metadataKey: "platform"] = "\(platform.id)"
        self.logger = logger
        self.backoff = backoff
    }

    public var currentStatus: Status { status.value }

    public func run() async throws {
        status.value = .starting
        var attempt = 0
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                for warning in try await platform.start() { logger.warning("\(warning)") }
                break
            } catch {
                guard try await wait(after: error, attempt: &attempt) else { return }
            }
        }
        attempt = 0
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await flushOutbox()
                try await deliverAlerts()
                try await deliverSnippetNotices()
                let cursor = try store.cursor(platform.id)
                status.value = .polling
                let batch = try await cancelWhenGracefulShutdown { [platform] in
                    try await platform.poll(after: cursor)
                }
                for id in batch.skipped {
                    logger.warning("malformed update skipped", metadata: ["update_id": "\(id)"])
                }
                for message in batch.messages { try await handle(message) }
                try store.saveCursor(batch.cursor, for: platform.id, at: Int64(Date().timeIntervalSince1970))
                attempt = 0
            } catch is CancellationError {
                break
            } catch  where Task.isCancelled || Task.isShuttingDownGracefully {
                break  // the long-poll was cancelled to stop: not a fault
            } catch {
                guard try await wait(after: error, attempt: &attempt) else { return }
            }
        }
        status.value = .stopped("shut down")
        logger.info("poller stopped")
    }

    /// Handles one message unless it was handled before, then sends what it queued.
    func handle(_ message: InboundMessage) async throws {
        if try store.isHandled(message.messageID, on: platform.id) { return }
        switch engine.handleDurably(message, platform: platform.id) {
        case .failure(let error):
            throw error
        case .success(let handled):
            logger.debug("message handled", metadata: ["message_id": "\(message.messageID)"])
            try await flushOutbox(context: message)
            for effect in handled.effects {
                if case .continueInDirectConversation(let userID, let formID) = effect {
                    try await continueInDirect(userID: userID, formID: formID, after: message)
                }
            }
        }
    }

    /// Opens a direct conversation and starts the form there; the group room heard only that it moved.
    private func continueInDirect(userID: String, formID: String, after message: InboundMessage) async throws {
        let room = try await platform.openDirectConversation(with: userID)
        logger.debug("continuing a private form in a direct conversation", metadata: ["form": "\(formID)"])
        let opening = InboundMessage(
            platform: message.platform,
            conversationID: room,
            isDirect: true,
            senderID: userID,
            senderName: message.senderName,
            text: "",
            messageID: message.messageID + "-direct",
            timestamp: message.timestamp
        )
        if try store.isHandled(opening.messageID, on: platform.id) { return }
        switch engine.startFormDurably(formID, for: opening, platform: platform.id) {
        case .failure(let error): throw error
        case .success: try await flushOutbox()
        }
    }

    /// Posts queued alerts: team alerts to the safeguarding room, escalations to each deputy in a direct conversation.
    /// Alerts carry a reference, urgency and stage only. Each is marked delivered once sent (idempotency key per
    /// alert), so a restart never posts one twice.
    func deliverAlerts() async throws {
        let outbox = AlertOutbox(database: engine.database)
        try outbox.escalateUnacknowledged(after: alerts.escalateAfter, at: Int64(Date().timeIntervalSince1970))
        for alert in try outbox.pending() {
            let reply = Reply(kind: alert.urgent ? .emergency : .notice, text: alert.text)
            switch alert.recipient {
            case "team":
                guard let room = alerts.teamRoom else { continue }
                try await platform.send(reply, to: room, replyingTo: nil, idempotencyKey: "alert-\(alert.id)")
            default:
                let prefix = platform.kind + ":"
                let deputies = alerts.deputies.filter { $0.hasPrefix(prefix) }.map {
                    String($0.dropFirst(prefix.count))
                }
                guard !deputies.isEmpty else { continue }
                for deputy in deputies {
                    let room = try await platform.openDirectConversation(with: deputy)
                    try await platform.send(
                        reply,
                        to: room,
                        replyingTo: nil,
                        idempotencyKey: "alert-\(alert.id)-\(deputy)"
                    )
                }
            }
            try outbox.markDelivered(alert.id, at: Int64(Date().timeIntervalSince1970))
            logger.notice("alert delivered", metadata: ["alert": "\(alert.id)", "recipient": "\(alert.recipient)"])
        }
    }

    /// Posts queued snippet notices that belong on this platform: "new snippet waiting" to the moderators' room (or
    /// to each moderator here in a direct conversation), and outcomes to authors whose identity is on this platform.
    /// Each is marked delivered once sent, with an idempotency key per notice.
    func deliverSnippetNotices() async throws {
        let store = SnippetStore(database: engine.database)
        let prefix = platform.kind + ":"
        for notice in try store.pendingNotices() {
            let reply = Reply(kind: .notice, text: notice.text)
            if notice.recipient == SnippetNotice.moderators {
                if let room = alerts.moderatorRoom {
                    try await platform.send(reply, to: room, replyingTo: nil, idempotencyKey: "snippet-\(notice.id)")
                } else {
                    let here = alerts.moderators.filter { $0.hasPrefix(prefix) }
                    guard !here.isEmpty else { continue }
                    for moderator in here {
                        let user = String(moderator.dropFirst(prefix.count))
                        let room = try await platform.openDirectConversation(with: user)
                        try await platform.send(
                            reply,
                            to: room,
                            replyingTo: nil,
                            idempotencyKey: "snippet-\(notice.id)-\(user)"
                        )
                    }
                }
            } else {
                guard notice.recipient.hasPrefix(prefix) else { continue }
                let user = String(notice.recipient.dropFirst(prefix.count))
                let room = try await platform.openDirectConversation(with: user)
                try await platform.send(reply, to: room, replyingTo: nil, idempotencyKey: "snippet-\(notice.id)")
            }
            try store.markDelivered(notice.id, at: Int64(Date().timeIntervalSince1970))
            logger.notice("snippet notice delivered", metadata: ["notice": "\(notice.id)"])
        }
    }

    /// Sends every queued reply, oldest first, each with its own idempotency key.
    func flushOutbox(context: InboundMessage? = nil) async throws {
        for pending in try store.pendingReplies(platform.id) {
            let replyTo = context.flatMap { message in
                message.messageID == pending.messageID && message.conversationID == pending.conversationID
                    ? ReplyContext(messageID: message.messageID, threadID: message.threadID) : nil
            }
            do {
                try await platform.send(
                    pending.reply,
                    to: pending.conversationID,
                    replyingTo: replyTo,
                    idempotencyKey: pending.idempotencyKey
                )
            } catch {
                // (A `catch where` on this typed throw crashes the 6.3.1 compiler's ownership verifier.)
                guard error.kind == .rejected else { throw error }
                logger.error("reply refused by the platform; dropped", metadata: ["error": "\(error.message)"])
            }
            try store.markSent(pending)
        }
    }

    /// Waits as the error asks; returns false when this platform must stop.
    private func wait(after error: any Error, attempt: inout Int) async throws -> Bool {
        let seconds: Double
        switch (error as? PlatformError)?.kind {
        case .rateLimited(let wait)?:
            seconds = wait
            logger.notice("rate limited; waiting", metadata: ["seconds": "\(wait)"])
        case .fatal?, .unauthorized?:
            status.value = .stopped("\(error)")
            logger.error("poller stopped", metadata: ["error": "\(error)"])
            return false
        default:
            seconds = backoff.delay(attempt: attempt, unit: Double.random(in: 0..<1))
            attempt += 1
            status.value = .backingOff("\(error)")
            logger.warning("poll failed; backing off", metadata: ["error": "\(error)", "seconds": "\(seconds)"])
        }
        try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        return true
    }
}

/// A lock-protected status value.
final class StatusBox: Sendable {
    private let stored = Mutex<PlatformRunner.Status>(.starting)

    var value: PlatformRunner.Status {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}
