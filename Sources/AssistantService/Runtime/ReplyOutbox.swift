import AssistantCore
import Logging
import Platforms
import Storage

/// Sends a platform's queued replies: each with its own idempotency key, in order within a conversation and up to
/// ``concurrentConversations`` conversations at once. A reply the platform refuses (`.rejected`) is logged and
/// dropped; any other fault leaves the unsent replies queued (the other conversations go on) and is rethrown once
/// every conversation has finished, so the next round sends them again with the same keys.
struct ReplyOutbox: Sendable {
    let platform: any ChatPlatform
    let store: PlatformStateStore
    let logger: Logger

    /// Conversations whose replies are sent at the same time.
    static let concurrentConversations = 8

    /// Sends every queued reply. `contexts` are the messages the replies answer (for reply threading). Returns when
    /// each message's last reply was sent.
    @discardableResult
    func flush(contexts: [InboundMessage] = []) async throws -> [String: ContinuousClock.Instant] {
        let pending = try store.pendingReplies(platform.id)
        guard !pending.isEmpty else { return [:] }
        let messages = Dictionary(contexts.map { ($0.messageID, $0) }, uniquingKeysWith: { first, _ in first })
        let queues = Self.queuesByConversation(pending)
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

    /// The replies grouped by conversation, conversations in the order of their first reply, replies in order.
    static func queuesByConversation(
        _ pending: [PlatformStateStore.PendingReply]
    ) -> [[PlatformStateStore.PendingReply]] {
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
        return queues
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
}
