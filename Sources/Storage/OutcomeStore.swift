public import AssistantCore
import GRDB

/// Applies what the assistant decided about one message — stored concerns, queued alerts and the conversation's
/// new state — in one database transaction: either all of it is kept or none of it.
public struct OutcomeStore: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    /// What applying an outcome produced.
    public struct Applied: Sendable, Hashable {
        /// References of the concerns stored, in effect order.
        public let references: [String]
        /// Ids of the snippets stored, in effect order.
        public let snippetIDs: [String]

        public init(references: [String], snippetIDs: [String] = []) {
            self.references = references
            self.snippetIDs = snippetIDs
        }
    }

    /// For platforms: the message is marked handled and its replies queued (sealed) in the same transaction, so a
    /// crash before sending replays the sends, never the handling.
    /// A ``Effect/continueInDirectConversation(userID:formID:)`` is queued in the same transaction
    /// (``PlatformStateStore/pendingContinuations(_:)``), so a direct conversation that fails to open, or a crash
    /// before it opens, delays the private form but never loses it.
    public struct Delivery: Sendable {
        public let platform: String
        public let messageID: String
        public let replies: [(conversation: String, reply: Reply)]
        /// The message handled, when it may ask for a direct conversation.
        public let message: InboundMessage?

        public init(
            platform: String,
            messageID: String,
            replies: [(conversation: String, reply: Reply)],
            message: InboundMessage? = nil
        ) {
            self.platform = platform
            self.messageID = messageID
            self.replies = replies
            self.message = message
        }
    }

    /// Replaces ``Effect/referencePlaceholder`` with the first stored reference, and ``Effect/snippetPlaceholder``
    /// with the first stored snippet's id.
    public static func fillReference(_ reply: Reply, references: [String], snippetIDs: [String] = []) -> Reply {
        var text = reply.text
        for (placeholder, value) in [
            (Effect.referencePlaceholder, references.first), (Effect.snippetPlaceholder, snippetIDs.first),
        ] {
            guard let value, text.contains(placeholder) else { continue }
            text = text.split(separator: placeholder, omittingEmptySubsequences: false).joined(separator: value)
        }
        return text == reply.text ? reply : Reply(kind: reply.kind, text: text, suggestions: reply.suggestions)
    }

    /// Stores every ``Effect/submitConcern(_:)`` and ``Effect/urgentAlert(_:)`` effect and the new state.
    /// Other effects (queries, moving to a direct conversation) are for the runtime and are ignored here.
    public func apply(
        _ effects: [Effect],
        state: ConversationState?,
        conversation: String,
        at time: Int64,
        delivery: Delivery? = nil
    ) throws(StorageError) -> Applied {
        let concerns = ConcernStore(database: database)
        let outbox = AlertOutbox(database: database)
        let conversations = ConversationStore(database: database)
        let snippets = SnippetStore(database: database)
        let learning = LearningStore(database: database)
        return try database.write { db in
            var references: [String] = []
            var snippetIDs: [String] = []
            for effect in effects {
                switch effect {
                case .submitConcern(let submission):
                    let reference = try concerns.create(submission, at: time, in: db)
                    references.append(reference)
                    let text =
                        "\(submission.urgent ? "URGENT: " : "")New concern \(reference) (stage: reported). "
                        + "Open it in a direct message with me or on the host."
                    _ = try outbox.enqueue(
                        db,
                        kind: "concern_submitted",
                        urgent: submission.urgent,
                        reference: reference,
                        reporter: nil,
                        text: text,
                        recipient: "team",
                        at: time
                    )
                case .urgentAlert(let alert):
                    _ = try outbox.enqueue(
                        db,
                        kind: alert.reason.rawValue,
                        urgent: true,
                        reference: nil,
                        reporter: alert.reporter,
                        text: AlertOutbox.urgentText(alert),
                        recipient: "team",
                        at: time
                    )
                case .continueInDirectConversation(let userID, let formID):
                    guard let delivery, let message = delivery.message else { break }
                    try PlatformStateStore(database: database).queueContinuation(
                        PlatformStateStore.Continuation(formID: formID, userID: userID, after: message),
                        platform: delivery.platform,
                        in: db
                    )
                case .submitSnippet(let snippet, let author):
                    snippetIDs.append(try snippets.submit(snippet, author: author, at: time, in: db))
                case .keepMissedQuestion(let question):
                    _ = try learning.keep(question, at: time, in: db)
                case .countUnkeptMiss(let miss):
                    try learning.count(miss, in: db)
                case .concernQuery, .snippetRequest:
                    break
                }
            }
            // No state: the saved one is left exactly as it is (it could not be read, so it is not replaced).
            if let state { try conversations.save(state, for: conversation, at: time, in: db) }
            if let delivery {
                let replies = delivery.replies.map {
                    ($0.conversation, Self.fillReference($0.reply, references: references, snippetIDs: snippetIDs))
                }
                try PlatformStateStore(database: database).record(
                    replies,
                    for: delivery.messageID,
                    platform: delivery.platform,
                    at: time,
                    in: db
                )
            }
            return Applied(references: references, snippetIDs: snippetIDs)
        }
    }
}
