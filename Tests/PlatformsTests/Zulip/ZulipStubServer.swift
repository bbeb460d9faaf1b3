import Foundation
import PreventAssistTesting
import Synchronization

/// A Zulip server in memory, answering from the REST API contract (zulip.com/api): Basic auth, `users/me`, event
/// queues (`register`, long-polled `events` with heartbeats, `BAD_EVENT_QUEUE_ID` once a queue is gone), `GET
/// /messages` with an anchor, and `POST /messages` (form-encoded, 10,000-character limit). People post through the
/// side door; faults can be injected per request.
final class ZulipStubServer: Sendable {
    static let botID = 1
    static let personID = 2
    static let otherPersonID = 3
    static let streamID = 10
    static let email = "assistant-bot@zulip.example.ac.uk"
    static let apiKey = "zulip-api-key-s3cret"
    static let names = [1: "Assistant", 2: "Sam Staff", 3: "Jo Staff"]

    struct Message: Sendable {
        let id: Int
        let senderID: Int
        /// `nil` for a direct message.
        let streamID: Int?
        let topic: String
        let recipients: [Int]
        let content: String
        let timestamp: Int
    }

    enum Event: Sendable {
        case message(Message)
        case heartbeat
        /// Raw JSON; `{ID}` is replaced by the event id.
        case raw(String)
    }

    struct Queue: Sendable {
        var events: [(id: Int, event: Event)] = []
        var nextEventID = 0
    }

    struct State: Sendable {
        var messages: [Message] = []
        var queues: [String: Queue] = [:]
        var nextMessageID = 100
        var queueCount = 0
        var fault: (@Sendable (LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Action?)?
    }

    final class Box: Sendable {
        let state = Mutex(State())
    }

    private let box = Box()
    let server: LoopbackHTTPServer

    init() throws {
        server = try LoopbackHTTPServer { [box] request in Self.handle(request, box) }
    }

    deinit { server.stop() }

    // MARK: - Side door

    /// Makes `sender` post in `conversation` (`stream:<id>:<topic>` or `dm:<ids besides the bot>`).
    @discardableResult
    func post(_ text: String, from sender: Int, in conversation: String) -> Int {
        box.state.withLock { state in
            let id = state.nextMessageID
            state.nextMessageID += 1
            let message: Message
            if conversation.hasPrefix("stream:") {
                let parts = conversation.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
                message = Message(
                    id: id,
                    senderID: sender,
                    streamID: Int(parts[1]),
                    topic: String(parts[2]),
                    recipients: [],
                    content: text,
                    timestamp: 1_795_944_000 + id
                )
            } else {
                let others = conversation.dropFirst(3).split(separator: ",").compactMap { Int($0) }
                message = Message(
                    id: id,
                    senderID: sender,
                    streamID: nil,
                    topic: "",
                    recipients: Array(Set(others + [Self.botID, sender])).sorted(),
                    content: text,
                    timestamp: 1_795_944_000 + id
                )
            }
            Self.store(message, in: &state)
            return id
        }
    }

    /// What the bot posted in `conversation`, oldest first, as raw Zulip Markdown.
    func botMessages(in conversation: String) -> [String] {
        box.state.withLock { state in
            state.messages.filter { $0.senderID == Self.botID && Self.conversation(of: $0) == conversation }.map(
                \.content
            )
        }
    }

    /// Garbage-collects every event queue, as Zulip does after ten idle minutes.
    func killQueues() { box.state.withLock { $0.queues.removeAll() } }

    /// Appends a raw event to every queue.
    func inject(_ rawEvent: String) {
        box.state.withLock { state in
            for key in state.queues.keys { Self.append(.raw(rawEvent), to: &state.queues[key]) }
        }
    }

    /// Answers requests with `fault` first (when it returns an action).
    func setFault(_ fault: (@Sendable (LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Action?)?) {
        box.state.withLock { $0.fault = fault }
    }

    var queueCount: Int { box.state.withLock { $0.queueCount } }

    /// The conversation id a message belongs to, from the bot's point of view.
    static func conversation(of message: Message) -> String {
        if let stream = message.streamID { return "stream:\(stream):\(message.topic)" }
        return "dm:" + message.recipients.filter { $0 != botID }.map(String.init).joined(separator: ",")
    }

    // MARK: - The API

    private static func store(_ message: Message, in state: inout State) {
        state.messages.append(message)
        for key in state.queues.keys { append(.message(message), to: &state.queues[key]) }
    }

    private static func append(_ event: Event, to queue: inout Queue?) {
        guard var current = queue else { return }
        current.events.append((current.nextEventID, event))
        current.nextEventID += 1
        queue = current
    }

    private static func handle(_ request: LoopbackHTTPServer.Request, _ box: Box) -> LoopbackHTTPServer.Action {
        if let fault = box.state.withLock({ $0.fault }), let action = fault(request) { return action }
        let expected = "Basic " + Data("\(email):\(apiKey)".utf8).base64EncodedString()
        guard request.header("authorization") == expected else {
            return error(401, "UNAUTHORIZED", "Invalid API key")
        }
        let components = URLComponents(string: request.path)
        let path = components?.path ?? request.path
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let form = formFields(request.body)
        switch (request.method, path) {
        case ("GET", "/api/v1/users/me"):
            return success(["user_id": botID, "email": email, "full_name": "Assistant", "is_bot": true])
        case ("POST", "/api/v1/register"):
            guard form["event_types"] == #"["message"]"# else { return error(400, "BAD_REQUEST", "event_types") }
            return box.state.withLock { state in
                state.queueCount += 1
                let queueID = "1795944000:\(state.queueCount)"
                state.queues[queueID] = Queue()
                return success([
                    "queue_id": queueID, "last_event_id": -1, "max_message_id": state.messages.last?.id ?? -1,
                    "event_queue_longpoll_timeout_seconds": 20,
                ])
            }
        case ("GET", "/api/v1/events"):
            return events(query, box)
        case ("GET", "/api/v1/messages"):
            return messages(query, box)
        case ("POST", "/api/v1/messages"):
            return send(form, box)
        default:
            return error(404, "BAD_REQUEST", "Invalid endpoint")
        }
    }

    /// Long-polls: events after `last_event_id` (acknowledging the earlier ones), or a heartbeat after a short wait.
    private static func events(_ query: [String: String], _ box: Box) -> LoopbackHTTPServer.Action {
        let queueID = query["queue_id"] ?? ""
        let last = Int(query["last_event_id"] ?? "") ?? -1
        for attempt in 0..<30 {
            let answer = box.state.withLock { state -> LoopbackHTTPServer.Action? in
                guard var queue = state.queues[queueID] else {
                    return .json(
                        400,
                        json([
                            "result": "error", "msg": "Bad event queue ID: \(queueID)", "code": "BAD_EVENT_QUEUE_ID",
                            "queue_id": queueID,
                        ])
                    )
                }
                queue.events.removeAll { $0.id <= last }
                if queue.events.isEmpty && attempt == 29 {
                    queue.events.append((queue.nextEventID, .heartbeat))
                    queue.nextEventID += 1
                }
                state.queues[queueID] = queue
                guard !queue.events.isEmpty else { return nil }
                let rendered = queue.events.map { render($0.event, id: $0.id) }
                return .json(
                    200,
                    #"{"result": "success", "msg": "", "events": ["# + rendered.joined(separator: ",") + "]}"
                )
            }
            if let answer { return answer }
            usleep(10_000)
        }
        return error(500, "BAD_REQUEST", "unreachable")
    }

    private static func render(_ event: Event, id: Int) -> String {
        switch event {
        case .heartbeat: return json(["type": "heartbeat", "id": id])
        case .message(let message): return json(["type": "message", "id": id, "message": object(message), "flags": []])
        case .raw(let text): return text.replacing("{ID}", with: "\(id)")
        }
    }

    private static func messages(_ query: [String: String], _ box: Box) -> LoopbackHTTPServer.Action {
        guard let anchor = Int(query["anchor"] ?? ""), query["num_before"] == "0",
            let count = Int(query["num_after"] ?? "")
        else { return error(400, "BAD_REQUEST", "anchor") }
        let includeAnchor = query["include_anchor"] != "false"
        return box.state.withLock { state in
            let after = state.messages.filter { includeAnchor ? $0.id >= anchor : $0.id > anchor }
            let page = after.prefix(count)
            return success([
                "messages": page.map(object), "found_newest": page.count == after.count, "found_anchor": false,
                "anchor": anchor,
            ])
        }
    }

    private static func send(_ form: [String: String], _ box: Box) -> LoopbackHTTPServer.Action {
        guard let content = form["content"], !content.isEmpty, let type = form["type"], let to = form["to"] else {
            return error(400, "BAD_REQUEST", "Missing content, type or to")
        }
        guard content.unicodeScalars.count <= 10_000 else { return error(400, "BAD_REQUEST", "Message too long") }
        return box.state.withLock { state in
            let id = state.nextMessageID
            let message: Message
            switch type {
            case "stream", "channel":
                guard let stream = Int(to), stream == streamID, let topic = form["topic"], !topic.isEmpty else {
                    return error(400, "STREAM_DOES_NOT_EXIST", "Channel does not exist")
                }
                message = Message(
                    id: id,
                    senderID: botID,
                    streamID: stream,
                    topic: topic,
                    recipients: [],
                    content: content,
                    timestamp: 1_795_944_000 + id
                )
            case "private", "direct":
                guard let ids = (try? JSONSerialization.jsonObject(with: Data(to.utf8))) as? [Int], !ids.isEmpty else {
                    return error(400, "BAD_REQUEST", "Invalid user ID")
                }
                message = Message(
                    id: id,
                    senderID: botID,
                    streamID: nil,
                    topic: "",
                    recipients: Array(Set(ids + [botID])).sorted(),
                    content: content,
                    timestamp: 1_795_944_000 + id
                )
            default:
                return error(400, "BAD_REQUEST", "Invalid message type")
            }
            state.nextMessageID += 1
            store(message, in: &state)
            return success(["id": id])
        }
    }

    private static func object(_ message: Message) -> [String: Any] {
        var object: [String: Any] = [
            "id": message.id, "sender_id": message.senderID, "sender_email": "user\(message.senderID)@example.ac.uk",
            "sender_full_name": names[message.senderID] ?? "Someone", "content": message.content,
            "timestamp": message.timestamp, "client": "website",
        ]
        if let stream = message.streamID {
            object["type"] = "stream"
            object["stream_id"] = stream
            object["display_recipient"] = "general"
            object["subject"] = message.topic
        } else {
            object["type"] = "private"
            object["display_recipient"] = message.recipients.map {
                ["id": $0, "email": "user\($0)@example.ac.uk", "full_name": names[$0] ?? "Someone"] as [String: Any]
            }
            object["subject"] = ""
        }
        return object
    }

    private static func formFields(_ body: Data) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let decode = { (text: Substring) in
                text.replacing("+", with: " ").removingPercentEncoding ?? String(text)
            }
            fields[decode(parts[0])] = decode(parts[1])
        }
        return fields
    }

    private static func success(_ fields: [String: Any]) -> LoopbackHTTPServer.Action {
        .json(200, json(fields.merging(["result": "success", "msg": ""]) { current, _ in current }))
    }

    static func error(_ status: Int, _ code: String, _ message: String) -> LoopbackHTTPServer.Action {
        .json(status, json(["result": "error", "msg": message, "code": code]))
    }

    private static func json(_ object: [String: Any]) -> String {
        (try? JSONSerialization.data(withJSONObject: object)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
