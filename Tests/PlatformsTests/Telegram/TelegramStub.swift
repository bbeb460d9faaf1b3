import Foundation
import PreventAssistTesting
import Synchronization

/// A Bot API server for tests, written from the published contract (core.telegram.org/bots/api) and kept in memory:
/// a queue of updates with `getUpdates` offset semantics (an update is confirmed, and forgotten, once a call asks for
/// a higher offset; a negative offset keeps only the newest updates; `allowed_updates` is sticky), chats, the
/// messages the bot sent (their HTML read strictly, as Telegram does, and limited to 4096 visible UTF-16 units), and
/// answered callback queries. Long polls are answered at once.
///
/// Two departures, both stricter than Telegram: ``postAsBot(_:in:)`` queues the bot's own message as an update
/// (Telegram never delivers it, so this tests the adapter's own filter), and an unknown `&` entity is refused.
final class TelegramStub: Sendable {
    static let token = "123456789:AAH-test-secret-token"
    static let botID: Int64 = 7_000_001
    static let person: Int64 = 42
    static let group: Int64 = -1_001_234_567_890

    let server: LoopbackHTTPServer
    private let store: Store

    /// A message the bot sent: its HTML as sent and the text people see.
    struct SentMessage: Sendable, Hashable {
        let messageID: Int64
        let html: String
        let visible: String
    }

    private struct Update: Sendable {
        let id: Int64
        let kind: String
        let json: String
    }

    private struct State {
        var nextUpdateID: Int64 = 900
        var updates: [Update] = []
        var allowedUpdates: [String] = []
        var chatTypes: [Int64: String] = [TelegramStub.group: "supergroup", TelegramStub.person: "private"]
        var blocked: Set<Int64> = []
        var messageIDs: [Int64: [Int64]] = [:]
        var botMessages: [Int64: [SentMessage]] = [:]
        var answeredCallbacks: [String] = []
        var webhookURL = ""
        /// Scripted responses per method, in order; `nil` lets a call through.
        var faults: [String: [(status: Int, body: String)?]] = [:]
        var nextCallback = 1
    }

    private final class Store: Sendable {
        let state = Mutex(State())
    }

    init() throws {
        let store = Store()
        self.store = store
        server = try LoopbackHTTPServer { request in Self.handle(request, store) }
    }

    var baseURL: String { server.baseURL }

    func stop() { server.stop() }

    // MARK: - The people's side door

    /// A person's text message; returns its id as the adapter reports it (`<chat>:<message_id>`).
    @discardableResult
    func postAsPerson(_ text: String, in chat: Int64, topic: Int64? = nil) -> String {
        let from = #"{"id": \#(Self.person), "is_bot": false, "first_name": "Sam", "last_name": "Taylor"}"#
        return postMessage(from: from, in: chat, extra: #""text": \#(Self.quoted(text))"#, topic: topic)
    }

    /// A message from the bot's own account (see the type's note).
    func postAsBot(_ text: String, in chat: Int64) {
        let from = #"{"id": \#(Self.botID), "is_bot": true, "first_name": "PreventAssist"}"#
        let id = postMessage(from: from, in: chat, extra: #""text": \#(Self.quoted(text))"#, topic: nil)
        let messageID = Int64(id.split(separator: ":").last ?? "") ?? 0
        store.state.withLock {
            $0.botMessages[chat, default: []].append(SentMessage(messageID: messageID, html: text, visible: text))
        }
    }

    /// A sticker: a message with no `text`.
    func postSticker(in chat: Int64) {
        let from = #"{"id": \#(Self.person), "is_bot": false, "first_name": "Sam"}"#
        postMessage(from: from, in: chat, extra: #""sticker": {"file_id": "CAAC", "width": 512, "height": 512}"#)
    }

    /// A person taps the button carrying `data` under the bot's message `messageID`.
    func tapButton(_ data: String, on messageID: Int64, in chat: Int64) {
        let type = chatType(chat)
        enqueue("callback_query") { updateID, state in
            let query = "cbq-\(state.nextCallback)"
            state.nextCallback += 1
            return #"""
                {"update_id": \#(updateID), "callback_query": {"id": "\#(query)", "chat_instance": "-55",
                 "from": {"id": \#(Self.person), "is_bot": false, "first_name": "Sam"}, "data": \#(Self.quoted(data)),
                 "message": {"message_id": \#(messageID), "date": 1795944000, "text": "…",
                  "chat": {"id": \#(chat), "type": "\#(type)"}}}}
                """#
        }
    }

    /// An update as raw JSON, built from its update id (for malformed ones).
    func enqueueRaw(_ kind: String = "message", _ json: (Int64) -> String) {
        enqueue(kind) { updateID, _ in json(updateID) }
    }

    // MARK: - Faults and inspection

    /// The next `times` calls of `method` get this response instead.
    func fail(_ method: String, status: Int, body: String, times: Int = 1) {
        store.state.withLock { state in
            state.faults[method, default: []] += Array(repeating: (status, body), count: times)
        }
    }

    /// After `successes` more calls of `method` go through, the next one gets this response.
    func failAfter(_ method: String, successes: Int, status: Int, body: String) {
        store.state.withLock { state in
            state.faults[method, default: []] += Array(repeating: nil, count: successes) + [(status, body)]
        }
    }

    func setWebhook(_ url: String) { store.state.withLock { $0.webhookURL = url } }

    func block(_ chat: Int64) { _ = store.state.withLock { $0.blocked.insert(chat) } }

    func botMessages(in chat: Int64) -> [SentMessage] { store.state.withLock { $0.botMessages[chat] ?? [] } }

    var answeredCallbacks: [String] { store.state.withLock { $0.answeredCallbacks } }

    /// The parameters of every `sendMessage` call that reached the server, in order.
    var sendRequests: [[String: Any]] {
        server.requests.filter { $0.path.hasSuffix("/sendMessage") }.compactMap { $0.json as? [String: Any] }
    }

    // MARK: - Building updates

    @discardableResult
    private func postMessage(from: String, in chat: Int64, extra: String, topic: Int64? = nil) -> String {
        let type = chatType(chat)
        var messageID: Int64 = 0
        enqueue("message") { updateID, state in
            messageID = Int64(state.messageIDs[chat, default: []].count + 1)
            state.messageIDs[chat, default: []].append(messageID)
            let thread = topic.map { #", "message_thread_id": \#($0), "is_topic_message": true"# } ?? ""
            return #"""
                {"update_id": \#(updateID), "message": {"message_id": \#(messageID), "date": 1795944000,
                 "chat": {"id": \#(chat), "type": "\#(type)"}, "from": \#(from), \#(extra)\#(thread)}}
                """#
        }
        return "\(chat):\(messageID)"
    }

    private func enqueue(_ kind: String, _ build: (Int64, inout State) -> String) {
        store.state.withLock { state in
            let id = state.nextUpdateID
            state.nextUpdateID += 1
            state.updates.append(Update(id: id, kind: kind, json: build(id, &state)))
        }
    }

    private func chatType(_ chat: Int64) -> String { store.state.withLock { $0.chatTypes[chat] ?? "group" } }

    private static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: [text])) ?? Data(), as: UTF8.self)
            .dropFirst().dropLast().description
    }

    // MARK: - The Bot API

    private static func handle(_ request: LoopbackHTTPServer.Request, _ store: Store) -> LoopbackHTTPServer.Action {
        let prefix = "/bot\(token)/"
        guard request.path.hasPrefix(prefix) else {
            return .json(401, #"{"ok": false, "error_code": 401, "description": "Unauthorized"}"#)
        }
        let method = String(request.path.dropFirst(prefix.count).prefix { $0 != "?" })
        let parameters = request.json as? [String: Any] ?? [:]
        return store.state.withLock { state -> LoopbackHTTPServer.Action in
            if let queued = state.faults[method], let next = queued.first {
                state.faults[method] = Array(queued.dropFirst())
                if let fault = next { return .json(fault.status, fault.body) }
            }
            switch method {
            case "getMe":
                return ok(
                    #"""
                    {"id": \#(botID), "is_bot": true, "first_name": "PreventAssist", "username": "prevent_test_bot",
                     "can_join_groups": true, "can_read_all_group_messages": false, "supports_inline_queries": false}
                    """#
                )
            case "getWebhookInfo":
                return ok(
                    #"""
                    {"url": \#(quoted(state.webhookURL)), "has_custom_certificate": false, "pending_update_count": 0}
                    """#
                )
            case "getUpdates":
                return getUpdates(parameters, &state)
            case "sendMessage":
                return sendMessage(parameters, &state)
            case "answerCallbackQuery":
                guard let id = parameters["callback_query_id"] as? String, id.hasPrefix("cbq-") else {
                    return error(
                        400,
                        "Bad Request: query is too old and response timeout expired or query ID is invalid"
                    )
                }
                state.answeredCallbacks.append(id)
                return ok("true")
            default:
                return error(404, "Not Found")
            }
        }
    }

    private static func getUpdates(_ parameters: [String: Any], _ state: inout State) -> LoopbackHTTPServer.Action {
        if !state.webhookURL.isEmpty {
            return error(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                    + "use deleteWebhook to delete the webhook first"
            )
        }
        if let allowed = parameters["allowed_updates"] as? [String] { state.allowedUpdates = allowed }
        let offset = (parameters["offset"] as? NSNumber)?.int64Value ?? 0
        if offset > 0 {
            state.updates.removeAll { $0.id < offset }
        } else if offset < 0 {
            state.updates = Array(state.updates.suffix(Int(-offset)))
        }
        let limit = (parameters["limit"] as? NSNumber)?.intValue ?? 100
        let allowed = state.allowedUpdates
        let selected = state.updates.filter { allowed.isEmpty || allowed.contains($0.kind) }.prefix(limit)
        return ok("[" + selected.map(\.json).joined(separator: ",") + "]")
    }

    private static func sendMessage(_ parameters: [String: Any], _ state: inout State) -> LoopbackHTTPServer.Action {
        guard let chat = (parameters["chat_id"] as? NSNumber)?.int64Value, let type = state.chatTypes[chat] else {
            return error(400, "Bad Request: chat not found")
        }
        if state.blocked.contains(chat) { return error(403, "Forbidden: bot was blocked by the user") }
        guard let text = parameters["text"] as? String else { return error(400, "Bad Request: message text is empty") }
        var visible = text
        if parameters["parse_mode"] as? String == "HTML" {
            do {
                visible = try TelegramEntityReader.visibleText(text)
            } catch {
                return Self.error(400, "Bad Request: \(error)")
            }
        }
        visible = visible.trimmingCharacters(in: .whitespacesAndNewlines)
        if visible.isEmpty { return error(400, "Bad Request: message text is empty") }
        if visible.utf16.count > 4096 { return error(400, "Bad Request: message is too long") }
        if let reply = parameters["reply_parameters"] as? [String: Any] {
            let target = (reply["message_id"] as? NSNumber)?.int64Value ?? 0
            if !state.messageIDs[chat, default: []].contains(target),
                reply["allow_sending_without_reply"] as? Bool != true
            {
                return error(400, "Bad Request: message to be replied not found")
            }
        }
        if let markup = parameters["reply_markup"] as? [String: Any] {
            let buttons = (markup["inline_keyboard"] as? [[[String: Any]]] ?? []).joined()
            for button in buttons {
                guard let data = button["callback_data"] as? String, (1...64).contains(data.utf8.count),
                    button["text"] is String
                else { return error(400, "Bad Request: BUTTON_DATA_INVALID") }
            }
        }
        let messageID = Int64(state.messageIDs[chat, default: []].count + 1)
        state.messageIDs[chat, default: []].append(messageID)
        state.botMessages[chat, default: []].append(SentMessage(messageID: messageID, html: text, visible: visible))
        return ok(
            #"""
            {"message_id": \#(messageID), "date": 1795944100, "chat": {"id": \#(chat), "type": "\#(type)"},
             "from": {"id": \#(botID), "is_bot": true, "first_name": "PreventAssist"}, "text": \#(quoted(visible))}
            """#
        )
    }

    private static func ok(_ result: String) -> LoopbackHTTPServer.Action {
        .json(200, #"{"ok": true, "result": \#(result)}"#)
    }

    private static func error(_ code: Int, _ description: String) -> LoopbackHTTPServer.Action {
        .json(code, #"{"ok": false, "error_code": \#(code), "description": \#(quoted(description))}"#)
    }
}
