public import AssistantCore
import Foundation
public import Logging
public import Storage

/// Runs one message through the assistant and the store: loads the conversation's state, asks the assistant, and
/// hands the outcome to ``EffectApplier`` (every effect, the new state and the queued replies in one transaction).
/// Every platform goes through this one path.
public struct ConversationEngine: Sendable {
    public let assistant: Assistant
    public let database: AppDatabase
    public let desk: ConcernDesk
    public let snippets: SnippetDesk
    /// Where every effect of an outcome is applied, with the state, in one transaction.
    public let effects: EffectApplier
    let logger: Logger

    public init(
        assistant: Assistant,
        database: AppDatabase,
        roles: AccessRoles,
        snippetSettings: SnippetSettings = SnippetSettings(),
        logger: Logger
    ) {
        let desk = ConcernDesk(database: database, roles: roles)
        let snippets = SnippetDesk(database: database, seeds: assistant.knowledge.snippets, settings: snippetSettings)
        self.assistant = assistant
        self.database = database
        self.desk = desk
        self.snippets = snippets
        self.effects = EffectApplier(database: database, desk: desk, snippets: snippets, logger: logger)
        self.logger = logger
    }

    /// The conversation key a message's state is kept under.
    public static func conversationKey(_ message: InboundMessage) -> String {
        "\(message.platform):\(message.conversationID):\(message.senderID)"
    }

    /// Handles `message` and returns the replies to send. A storage failure loses nothing: the state is not
    /// advanced, and the person is told to try again.
    public func process(_ message: InboundMessage, detail: AnswerComposer.Detail = .short) -> [Reply] {
        switch handle(message, detail: detail, delivery: nil) {
        case .success(let handled): return handled.replies
        case .failure: return [RuntimeNotice.storageFailure]
        }
    }

    /// What handling one message produced.
    public struct Handled: Sendable {
        public let replies: [Reply]
        public let effects: [Effect]
        /// Why the assistant answered as it did (`nil` for a form started in a new direct conversation).
        public var trace: Outcome.Trace? = nil
        /// The kind of reply: answer, clarify, decline, emergency or form.
        public var route: Outcome.Route? = nil
    }

    /// Handles `message` for a platform: concern queries are answered first; then effects, state, the handled mark
    /// and the queued replies (for `conversationID`) are stored in one transaction.
    public func handleDurably(_ message: InboundMessage, platform: String) -> Result<Handled, StorageError> {
        handle(message, detail: .short, delivery: platform)
    }

    /// Starts a form in a direct conversation opened for it, stored like a handled message (`opening.messageID`).
    public func startFormDurably(
        _ formID: String,
        for opening: InboundMessage,
        platform: String
    ) -> Result<Handled, StorageError> {
        guard let form = assistant.knowledge.forms[formID] else { return .success(Handled(replies: [], effects: [])) }
        let outcome = assistant.startForm(form, message: opening)
        do {
            let applied = try effects.apply(
                outcome.effects,
                replies: outcome.replies,
                state: outcome.state,
                conversation: Self.conversationKey(opening),
                message: opening,
                platform: platform
            )
            return .success(Handled(replies: applied.replies, effects: outcome.effects))
        } catch {
            return .failure(error)
        }
    }

    /// The reply when a saved conversation cannot be opened (changed on disk, or another key): the saved state is
    /// kept as it is, for the team to recover, and the message is marked handled so the platform carries on.
    private func unreadableState(_ message: InboundMessage, delivery platform: String?) -> Result<Handled, StorageError>
    {
        let reply = RuntimeNotice.unreadableState
        do {
            _ = try effects.apply(
                [],
                replies: [reply],
                state: nil,
                conversation: Self.conversationKey(message),
                message: message,
                platform: platform
            )
        } catch {
            return .failure(error)
        }
        return .success(Handled(replies: [reply], effects: []))
    }

    private func handle(
        _ message: InboundMessage,
        detail: AnswerComposer.Detail,
        delivery platform: String?
    ) -> Result<Handled, StorageError> {
        let key = Self.conversationKey(message)
        let state: ConversationState
        do {
            state = try ConversationStore(database: database).load(key)
        } catch {
            // Never carry on from an initial state: the next save would overwrite the sealed draft for good.
            logger.error("cannot load conversation state", metadata: ["error": "\(error)"])
            guard error.isTampered || error.isWrongKey else { return .failure(error) }
            return unreadableState(message, delivery: platform)
        }
        let outcome = assistant.handle(message, state: state, detail: detail)
        let applied: EffectApplier.Applied
        do {
            applied = try effects.apply(
                outcome.effects,
                replies: outcome.replies,
                state: outcome.state,
                conversation: key,
                message: message,
                platform: platform
            )
        } catch {
            logger.error("cannot store the outcome of a message", metadata: ["error": "\(error)"])
            return .failure(error)
        }
        if !applied.references.isEmpty {
            logger.notice("concern stored", metadata: ["references": "\(applied.references.joined(separator: ","))"])
        }
        if !applied.snippetIDs.isEmpty {
            logger.notice(
                "snippet stored for moderation",
                metadata: ["ids": "\(applied.snippetIDs.joined(separator: ","))"]
            )
        }
        return .success(
            Handled(replies: applied.replies, effects: outcome.effects, trace: outcome.trace, route: outcome.route)
        )
    }

    /// Notices for this person (snippet outcomes) and, for a moderator, how many snippets wait; marked delivered.
    /// For the console, where there is no other way to reach someone between sessions.
    public func deliverNotices(to identity: String, at time: Int64) -> [String] {
        do {
            var texts: [String] = []
            let store = snippets.store
            for notice in try store.pendingNotices() where notice.recipient == identity {
                texts.append(notice.text)
                try store.markDelivered(notice.id, at: time)
            }
            if snippets.settings.isModerator(identity) {
                let waiting = try store.list(status: .pending).count
                if waiting > 0 { texts.append(SnippetNoticeText.waiting(count: waiting)) }
            }
            return texts
        } catch {
            logger.error("cannot read snippet notices", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// A greeting for someone coming back to an unfinished form, with the question it was waiting on.
    public func resumeNotice(for message: InboundMessage) -> String? {
        guard let state = try? ConversationStore(database: database).load(Self.conversationKey(message)),
            let session = state.form, let form = assistant.knowledge.forms[session.formID]
        else { return nil }
        let prompt = FormRunner(form: form, today: message.day).reprompt(session)
        return RuntimeNotice.welcomeBack(to: form.title, prompt: assistant.composer.institution.render(prompt))
    }
}
