import AssistantCore
public import CurlHTTP
public import Foundation
public import Logging
public import Platforms
public import ServiceLifecycle
import Storage

/// Polls one chat platform and answers it: the runtime's poller for one account, run as a `Service`.
///
/// For each batch: skip messages already handled; handle each message in order (effects, state, the handled mark and
/// the replies queued, in one transaction); send the queued replies (``ReplyOutbox``); then commit the cursor. A
/// crash anywhere replays from the last cursor: handled messages are not answered again and queued replies are sent
/// again with the same keys. Between batches it starts private forms in direct conversations
/// (``DirectContinuations``) and posts alerts and snippet notices (``NoticeDelivery``). After a fault it waits as
/// ``RetryDecision`` says — 429s waited out (at most an hour), 5xx and network errors backed off, refused
/// credentials end this platform only — on the injected ``RuntimeClock``; while waiting the status is `backingOff`
/// with the time it resumes. On graceful shutdown the long-poll (or the wait) is cancelled, the batch in hand is
/// finished and its cursor committed.
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
    let clock: RuntimeClock
    /// The longest rate-limit wait in seconds (an hour; tests shorten it).
    let longestWait: Double
    let alerts: AlertRouting
    /// Whether this runner posts the safeguarding alerts and snippet notices queued for its platform. The console
    /// does not: it reaches one person, who sees their own notices when a chat starts.
    let deliversNotices: Bool
    let outbox: ReplyOutbox
    let continuations: DirectContinuations
    let notices: NoticeDelivery
    private let status = StatusBox()

    public init(
        platform: any ChatPlatform,
        engine: ConversationEngine,
        logger: Logger,
        backoff: Backoff = Backoff(),
        alerts: AlertRouting = AlertRouting(teamRoom: nil),
        metrics: RuntimeMetrics = RuntimeMetrics(),
        deliversNotices: Bool = true,
        longestWait: Double = ServerDuration.longest,
        clock: RuntimeClock = .live
    ) {
        var logger = logger
        logger[metadataKey: "platform"] = "\(platform.id)"
        let store = PlatformStateStore(database: engine.database)
        let outbox = ReplyOutbox(platform: platform, store: store, logger: logger)
        self.platform = platform
        self.engine = engine
        self.store = store
        self.logger = logger
        self.backoff = backoff
        self.metrics = metrics
        self.clock = clock
        self.longestWait = longestWait
        self.alerts = alerts
        self.deliversNotices = deliversNotices
        self.outbox = outbox
        self.continuations = DirectContinuations(
            platform: platform,
            engine: engine,
            store: store,
            outbox: outbox,
            logger: logger
        )
        self.notices = NoticeDelivery(
            platform: platform,
            database: engine.database,
            routing: alerts,
            clock: clock,
            logger: logger
        )
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
                try await outbox.flush(contexts: inHand)
                try await continuations.run()
                if deliversNotices { try await notices.deliver() }
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
                try store.saveCursor(batch.cursor, for: platform.id, at: clock.now())
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
        let sent = try await outbox.flush(contexts: messages)
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
        try await continuations.run()
    }

    private static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let value = Double(seconds) * 1_000 + Double(attoseconds) / 1e15
        return String(format: "%.3f", value)
    }

    /// Waits as the error asks (``RetryDecision``) on the injected clock; returns false when this platform must
    /// stop. A shutdown ends the wait early (the loop then stops).
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
        let resumesAt = clock.date(after: delay)
        status.value = .backingOff("\(error)", resumesAt: resumesAt)
        if case .backOff = decision {
            attempt += 1
            logger.warning("poll failed; backing off", metadata: ["error": "\(error)", "seconds": "\(delay)"])
        } else {
            logger.notice("rate limited; waiting", metadata: ["seconds": "\(delay)", "resumes_at": "\(resumesAt)"])
        }
        try? await cancelWhenGracefulShutdown { [clock] in try await clock.sleep(for: delay) }
        return true
    }
}
