import AssistantCore
import Logging
import Platforms
import Storage

/// Opens the direct conversations that private forms wait for and starts each form there; the group room heard only
/// that it moved. A continuation is queued with the message's outcome, so one that fails to open is tried again on
/// the next round, also after a restart, and the form starts once (its opening is a handled message).
struct DirectContinuations: Sendable {
    let platform: any ChatPlatform
    let engine: ConversationEngine
    let store: PlatformStateStore
    let outbox: ReplyOutbox
    let logger: Logger

    /// Starts every pending continuation and sends its replies.
    func run() async throws {
        for continuation in try store.pendingContinuations(platform.id) {
            let room = try await platform.openDirectConversation(with: continuation.userID)
            logger.debug(
                "continuing a private form in a direct conversation",
                metadata: ["form": "\(continuation.formID)"]
            )
            let opening = Self.opening(continuation, in: room)
            if try !store.isHandled(opening.messageID, on: platform.id) {
                switch engine.startFormDurably(continuation.formID, for: opening, platform: platform.id) {
                case .failure(let error): throw error
                case .success: break
                }
            }
            try store.finishContinuation(continuation, platform: platform.id)
            try await outbox.flush()
        }
    }

    /// The empty message that opens the form in the direct conversation `room`, handled once under its own id.
    static func opening(_ continuation: PlatformStateStore.Continuation, in room: String) -> InboundMessage {
        InboundMessage(
            platform: continuation.platformKind,
            conversationID: room,
            isDirect: true,
            senderID: continuation.userID,
            senderName: continuation.senderName,
            text: "",
            messageID: continuation.messageID + "-direct",
            timestamp: continuation.timestamp
        )
    }
}
