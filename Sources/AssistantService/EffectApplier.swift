public import AssistantCore
public import Logging
public import Storage

/// The one place an ``Outcome``'s effects are applied: every ``Effect`` — concerns, alerts, snippets, kept
/// questions, direct-conversation continuations, and the concern and snippet questions the desks answer — with the
/// conversation's new state, the handled mark and the queued replies, in one database transaction: either all of it
/// is kept or none of it. A desk question that fails is answered "Sorry — I couldn't …" (its own writes undone) and
/// the rest goes on. Alert texts come from the core (``TeamAlertText``).
public struct EffectApplier: Sendable {
    public let database: AppDatabase
    public let desk: ConcernDesk
    public let snippets: SnippetDesk
    let logger: Logger

    public init(database: AppDatabase, desk: ConcernDesk, snippets: SnippetDesk, logger: Logger) {
        self.database = database
        self.desk = desk
        self.snippets = snippets
        self.logger = logger
    }

    /// What applying an outcome produced.
    public struct Applied: Sendable {
        /// The replies to send: desk answers first, placeholders filled with what was stored.
        public let replies: [Reply]
        /// References of the concerns stored, in effect order.
        public let references: [String]
        /// Ids of the snippets stored, in effect order.
        public let snippetIDs: [String]
    }

    /// Applies `effects` for `message` (handled at its timestamp) and saves `state` under `conversation` (`nil`:
    /// the saved state is left exactly as it is). With a `platform`, the message is marked handled there and the
    /// replies are queued to its conversation, sealed, so a crash before sending replays the sends, never the
    /// handling.
    public func apply(
        _ effects: [Effect],
        replies: [Reply],
        state: ConversationState?,
        conversation: String,
        message: InboundMessage,
        platform: String?
    ) throws(StorageError) -> Applied {
        let time = message.timestamp
        return try database.transaction { () throws(StorageError) -> Applied in
            var replies = replies
            var state = state
            var references: [String] = []
            var snippetIDs: [String] = []
            for effect in effects {
                switch effect {
                case .submitConcern(let submission):
                    let reference = try ConcernStore(database: database).create(submission, at: time)
                    references.append(reference)
                    try AlertOutbox(database: database).enqueueSubmitted(
                        reference: reference,
                        urgent: submission.urgent,
                        text: TeamAlertText.newConcern(reference: reference, urgent: submission.urgent),
                        at: time
                    )
                case .urgentAlert(let alert) where alert.reason == .dangerAnswerOutsideForm:
                    // A failure to queue this one is logged (no message text) and never stops the 999 answer.
                    do {
                        try queue(alert, at: time)
                    } catch {
                        logger.error("cannot queue the danger alert", metadata: ["error": "\(error)"])
                    }
                case .urgentAlert(let alert):
                    try queue(alert, at: time)
                case .continueInDirectConversation(let userID, let formID):
                    guard let platform else { break }
                    try PlatformStateStore(database: database).queueContinuation(
                        PlatformStateStore.Continuation(formID: formID, userID: userID, after: message),
                        platform: platform
                    )
                case .submitSnippet(let snippet, let author):
                    snippetIDs.append(try snippets.store.submit(snippet, author: author, at: time))
                case .keepMissedQuestion(let question):
                    _ = try LearningStore(database: database).keep(question, at: time)
                case .countUnkeptMiss(let miss):
                    try LearningStore(database: database).count(miss)
                case .concernQuery(let query):
                    replies.insert(answer(query, isDirect: message.isDirect, at: time), at: 0)
                case .snippetRequest(let request):
                    let answer = answer(request, isDirect: message.isDirect, at: time)
                    replies.insert(answer.reply, at: 0)
                    if let cards = answer.cards {
                        state?.snippetCards = cards.isEmpty ? nil : cards
                        state?.snippetShown = nil
                    }
                }
            }
            if let state { try ConversationStore(database: database).save(state, for: conversation, at: time) }
            let filled = replies.map { $0.filling(references: references, snippetIDs: snippetIDs) }
            if let platform {
                try PlatformStateStore(database: database).record(
                    filled.map { (message.conversationID, $0) },
                    for: message.messageID,
                    platform: platform,
                    at: time
                )
            }
            return Applied(replies: filled, references: references, snippetIDs: snippetIDs)
        }
    }

    private func queue(_ alert: UrgentAlert, at time: Int64) throws(StorageError) {
        try AlertOutbox(database: database).enqueueUrgent(
            alert,
            text: TeamAlertText.urgent(alert, at: UTCTime.minute(time)),
            at: time
        )
    }

    /// The concern desk's answer, or a "couldn't look that up" notice (the error names no record content).
    private func answer(_ query: ConcernQuery, isDirect: Bool, at time: Int64) -> Reply {
        do {
            return try desk.answer(query, isDirect: isDirect, at: time)
        } catch {
            logger.error("concern query failed", metadata: ["error": "\(error)"])
            return RuntimeNotice.lookupFailed("\(error)")
        }
    }

    /// The snippet desk's answer, or a "couldn't do that" notice (the error names ids and states, never text).
    private func answer(_ request: SnippetRequest, isDirect: Bool, at time: Int64) -> SnippetDesk.Answer {
        do {
            return try snippets.answer(request, isDirect: isDirect, at: time)
        } catch {
            logger.error("snippet request failed", metadata: ["error": "\(error)"])
            return SnippetDesk.Answer(reply: RuntimeNotice.requestFailed("\(error)"), cards: nil)
        }
    }
}
