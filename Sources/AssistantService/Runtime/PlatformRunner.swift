import AssistantCore
public import CurlHTTP
public import Foundation
public import Logging
public import Platforms
public import ServiceLifecycle
import Storage
import Synchronization

/// Polls one chat platform and answers it: the runtime's loop for one account, run as a `Service`.
///
/// For each batch: skip messages already handled; handle each message in order (effects, state, the handled mark and
/// the replies queued, in one transaction); send the queued replies with idempotency keys derived from the message
/// (in order within a conversation, several conversations at once); then commit the cursor. A crash anywhere replays
/// from the last cursor: handled messages are not answered again and queued replies are sent again with the same
/// keys. 429s are waited out (at most an hour, whatever the server asked: ``RetryDecision``), 5xx and network errors
/// backed off, refused credentials end this platform only; while waiting the status is `backingOff` with the time it
/// resumes. On graceful shutdown the long-poll (or the wait) is cancelled, the batch in hand is finished and its
/// cursor committed.
public final class PlatformRunner: Service, Sendable {
    /// What the runner is doing, for health checks.
    public enum Status: Sendable, Hashable {
        case starting
        case polling
        /// Waiting after a fault (`reason`) or a rate limit, until `resumesAt` (at most an hour away).
        case backingOff(String, resumesAt: Date)
        case stopped(String)
    }

    public let platform: any ChatPlatform
    let engine: ConversationEngine
    let store: PlatformStateStore
    let logger: Logger
    let backoff: Backoff
    let metrics: RuntimeMetrics
    /// The longest rate-limit wait in seconds (an hour; tests shorten it).
    let longestWait: Double
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
    /// Whether this runner posts the safeguarding alerts and snippet notices queued for its platform. The console
    /// does not: it reaches one person, who sees their own notices when a chat starts.
    let deliversNotices: Bool

    public init(
        platform: any ChatPlatform,
        engine: ConversationEngine,
        logger: Logger,
        backoff: Backoff = Backoff(),
        alerts: AlertRouting = AlertRouting(teamRoom: nil),
        metrics: RuntimeMetrics = RuntimeMetrics(),
        deliversNotices: Bool = true,
        longestWait: Double = ServerDuration.longest
    ) {
        self.longestWait = longestWait
        self.platform = platform
        self.deliversNotices = deliversNotices
        self.metrics = metrics
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
                guard await wait(after: error, attempt: &attempt) else { return }
            }
        }
        attempt = 0
        // The batch in hand until its cursor is committed: its messages give queued replies their reply context.
        var inHand: [InboundMessage] = []
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                _ = try await flushOutbox(contexts: inHand)
                try await continueInDirectConversations()
                if deliversNotices {
                    try await deliverAlerts()
                    try await deliverSnippetNotices()
                }
                let cursor = try store.cursor(platform.id)
                status.value = .polling
                let polling = ContinuousClock.now
                let batch = try await cancelWhenGracefulShutdown { [platform] in
                    try await platform.poll(after: cursor)
                }
                let arrived = ContinuousClock.now
                metrics.polled(platform.id, in: arrived - polling)
                for id in batch.skipped {
                    metrics.failed(platform.id, kind: "malformed")
                    logger.warning("malformed update skipped", metadata: ["update_id": "\(id)"])
                }
                inHand = batch.messages
                try await answer(batch.messages, arrived: arrived)
                try store.saveCursor(batch.cursor, for: platform.id, at: Int64(Date().timeIntervalSince1970))
                inHand = []
                attempt = 0
                if batch.isFinal { break }
            } catch is CancellationError {
                break
            } catch  where Task.isCancelled || Task.isShuttingDownGracefully {
                break  // the long-poll was cancelled to stop: not a fault
            } catch {
                guard await wait(after: error, attempt: &attempt) else { return }
            }
        }
        status.value = .stopped("shut down")
        logger.info("poller stopped")
    }

    /// Handles a batch's messages in order (each one's effects, state, handled mark and queued replies in one
    /// transaction), then sends the queued replies: in order within a conversation, several conversations at once.
    ///
    /// The debug log gives, per message, `handle_ms` (the bot's own work: duplicate check, assistant, one
    /// transaction) and `reply_ms` (poll returned → its last reply acknowledged by the platform).
    func answer(_ messages: [InboundMessage], arrived: ContinuousClock.Instant = .now) async throws {
        var handled: [(message: InboundMessage, work: Duration)] = []
        for message in messages {
            let started = ContinuousClock.now
            if try store.isHandled(message.messageID, on: platform.id) { continue }
            metrics.received(platform.id)
            switch engine.handleDurably(message, platform: platform.id) {
            case .failure(let error): throw error
            case .success: handled.append((message, ContinuousClock.now - started))
            }
        }
        let sent = try await flushOutbox(contexts: messages)
        for (message, work) in handled {
            let done = sent[message.messageID] ?? .now
            metrics.answered(platform.id)
            metrics.replied(platform.id, in: done - arrived)
            logger.debug(
                "message answered",
                metadata: [
                    "message_id": "\(message.messageID)",
                    "handle_ms": "\(Self.milliseconds(work))",
                    "reply_ms": "\(Self.milliseconds(done - arrived))",
                ]
            )
        }
        try await continueInDirectConversations()
    }

    /// Opens the direct conversations that private forms wait for and starts each form there; the group room heard
    /// only that it moved. A continuation is queued with the message's outcome, so one that fails to open is tried
    /// again on the next round, also after a restart, and the form starts once (its opening is a handled message).
    func continueInDirectConversations() async throws {
        for continuation in try store.pendingContinuations(platform.id) {
            let room = try await platform.openDirectConversation(with: continuation.userID)
            logger.debug(
                "continuing a private form in a direct conversation",
                metadata: ["form": "\(continuation.formID)"]
            )
            let opening = InboundMessage(
                platform: continuation.platformKind,
                conversationID: room,
                isDirect: true,
                senderID: continuation.userID,
                senderName: continuation.senderName,
                text: "",
                messageID: continuation.messageID + "-direct",
                timestamp: continuation.timestamp
            )
            if try !store.isHandled(opening.messageID, on: platform.id) {
                switch engine.startFormDurably(continuation.formID, for: opening, platform: platform.id) {
                case .failure(let error): throw error
                case .success: break
                }
            }
            try store.finishContinuation(continuation, platform: platform.id)
            try await flushOutbox()
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

    /// Conversations whose replies are sent at the same time.
    static let concurrentConversations = 8

    /// Sends every queued reply, each with its own idempotency key: in order within a conversation, up to
    /// ``concurrentConversations`` conversations at once. `contexts` are the messages the replies answer (for reply
    /// threading). Returns when each message's last reply was sent. A failure leaves the unsent replies queued (the
    /// others go on) and is rethrown once every conversation has finished.
    @discardableResult
    func flushOutbox(contexts: [InboundMessage] = []) async throws -> [String: ContinuousClock.Instant] {
        let pending = try store.pendingReplies(platform.id)
        guard !pending.isEmpty else { return [:] }
        let messages = Dictionary(contexts.map { ($0.messageID, $0) }, uniquingKeysWith: { first, _ in first })
        var queues: [[PlatformStateStore.PendingReply]] = []
        var position: [String: Int] = [:]
        for reply in pending {
            if let index = position[reply.conversationID] {
                queues[index].append(reply)
            } else {
                position[reply.conversationID] = queues.count
                queues.append([reply])
            }
        }
        return try await withThrowingTaskGroup(of: [String: ContinuousClock.Instant].self) { group in
            var next = 0
            func startNext() {
                guard next < queues.count else { return }
                let queue = queues[next]
                next += 1
                group.addTask { try await self.send(queue, contexts: messages) }
            }
            for _ in 0..<Self.concurrentConversations { startNext() }
            var sent: [String: ContinuousClock.Instant] = [:]
            var failure: (any Error)?
            while let result = await group.nextResult() {
                switch result {
                case .success(let times): sent.merge(times) { _, later in later }
                case .failure(let error): failure = failure ?? error
                }
                startNext()
            }
            if let failure { throw failure }
            return sent
        }
    }

    /// Sends one conversation's queued replies in order.
    private func send(
        _ replies: [PlatformStateStore.PendingReply],
        contexts: [String: InboundMessage]
    ) async throws -> [String: ContinuousClock.Instant] {
        var sent: [String: ContinuousClock.Instant] = [:]
        for pending in replies {
            let replyTo = contexts[pending.messageID].flatMap { message in
                message.conversationID == pending.conversationID
                    ? ReplyContext(messageID: message.messageID, threadID: message.threadID) : nil
            }
            if let refusal = try await deliver(pending, replyingTo: replyTo) {
                logger.error("reply refused by the platform; dropped", metadata: ["error": "\(refusal.message)"])
            }
            try store.markSent(pending)
            sent[pending.messageID] = .now
        }
        return sent
    }

    /// Sends one queued reply; returns the platform's refusal (`.rejected`: the reply is dropped), throws other faults.
    ///
    /// (Kept apart from the loop: a typed `catch` inside the async loop crashes the 6.3.1 optimiser's coroutine
    /// splitting in release builds.)
    private func deliver(
        _ pending: PlatformStateStore.PendingReply,
        replyingTo replyTo: ReplyContext?
    ) async throws(PlatformError) -> PlatformError? {
        do {
            try await platform.send(
                pending.reply,
                to: pending.conversationID,
                replyingTo: replyTo,
                idempotencyKey: pending.idempotencyKey
            )
            return nil
        } catch {
            guard error.kind == .rejected else { throw error }
            return error
        }
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) * 1_000 + Double(attoseconds) / 1e15
        return String(format: "%.3f", value)
    }

    /// Waits as the error asks (``RetryDecision``); returns false when this platform must stop. A shutdown ends the
    /// wait early (the loop then stops).
    private func wait(after error: any Error, attempt: inout Int) async -> Bool {
        metrics.failed(platform.id, kind: RuntimeMetrics.kind(of: error))
        let decision = RetryDecision.after(
            (error as? PlatformError)?.kind,
            attempt: attempt,
            backoff: backoff,
            unit: Double.random(in: 0..<1),
            longest: longestWait
        )
        guard let delay = decision.delay else {
            status.value = .stopped("\(error)")
            logger.error("poller stopped", metadata: ["error": "\(error)"])
            return false
        }
        let resumesAt = Date().addingTimeInterval(Self.seconds(delay))
        status.value = .backingOff("\(error)", resumesAt: resumesAt)
        if case .backOff = decision {
            attempt += 1
            logger.warning("poll failed; backing off", metadata: ["error": "\(error)", "seconds": "\(delay)"])
        } else {
            logger.notice("rate limited; waiting", metadata: ["seconds": "\(delay)", "resumes_at": "\(resumesAt)"])
        }
        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
        return true
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
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
