public import AssistantCore
import Foundation
public import Logging
public import Storage

/// Runs one message through the assistant and the store: loads the conversation's state, asks the assistant,
/// applies the outcome's effects and new state in one transaction, answers concern queries, and fills in stored
/// references. Every platform (the console now, chat platforms later) goes through this one path.
public struct ConversationEngine: Sendable {
    public let assistant: Assistant
    public let database: AppDatabase
    public let desk: ConcernDesk
    let logger: Logger

    public init(assistant: Assistant, database: AppDatabase, roles: AccessRoles, logger: Logger) {
        self.assistant = assistant
        self.database = database
        self.desk = ConcernDesk(database: database, roles: roles)
        self.logger = logger
    }

    /// The conversation key a message's state is kept under.
    public static func conversationKey(_ message: InboundMessage) -> String {
        "\(message.platform):\(message.conversationID):\(message.senderID)"
    }

    /// Handles `message` and returns the replies to send. A storage failure loses nothing: the state is not
    /// advanced, and the person is told to try again.
    public func process(_ message: InboundMessage, detail: AnswerComposer.Detail = .short) -> [Reply] {
        let key = Self.conversationKey(message)
        let state: ConversationState
        do {
            state = try ConversationStore(database: database).load(key)
        } catch {
            logger.error("cannot load conversation state", metadata: ["error": "\(error)"])
            state = .initial
        }
        let outcome = assistant.handle(message, state: state, detail: detail)
        let applied: OutcomeStore.Applied
        do {
            applied = try OutcomeStore(database: database).apply(
                outcome.effects,
                state: outcome.state,
                conversation: key,
                at: message.timestamp
            )
        } catch {
            logger.error("cannot store the outcome of a message", metadata: ["error": "\(error)"])
            return [
                Reply(
                    kind: .notice,
                    text: "Sorry — I couldn't save that just now, so nothing has changed. Please send it again in a "
                        + "moment. If anyone is in danger, call 999."
                )
            ]
        }
        if !applied.references.isEmpty {
            logger.notice("concern stored", metadata: ["references": "\(applied.references.joined(separator: ","))"])
        }
        var replies = outcome.replies.map { reply in
            guard let reference = applied.references.first,
                reply.text.contains(Effect.referencePlaceholder)
            else { return reply }
            let text = reply.text.split(separator: Effect.referencePlaceholder, omittingEmptySubsequences: false)
                .joined(separator: reference)
            return Reply(kind: reply.kind, text: text, suggestions: reply.suggestions)
        }
        for effect in outcome.effects {
            guard case .concernQuery(let query) = effect else { continue }
            do {
                replies.insert(try desk.answer(query, isDirect: message.isDirect, at: message.timestamp), at: 0)
            } catch {
                logger.error("concern query failed", metadata: ["error": "\(error)"])
                replies.insert(Reply(kind: .notice, text: "Sorry — I couldn't look that up: \(error)"), at: 0)
            }
        }
        return replies
    }

    /// A greeting for someone coming back to an unfinished form, with the question it was waiting on.
    public func resumeNotice(for message: InboundMessage) -> String? {
        guard let state = try? ConversationStore(database: database).load(Self.conversationKey(message)),
            let session = state.form, let form = assistant.knowledge.forms[session.formID]
        else { return nil }
        let prompt = FormRunner(form: form, today: message.day).reprompt(session)
        return "Welcome back — you were part-way through \"\(form.title)\". Let's carry on:\n\n"
            + assistant.composer.institution.render(prompt)
    }
}
