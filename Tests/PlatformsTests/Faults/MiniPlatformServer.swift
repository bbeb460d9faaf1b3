import Foundation
import PreventAssistTesting
import Synchronization

/// A small stateful stand-in, from the published contracts, for the platforms whose own stubs are elsewhere: a
/// Matrix homeserver's sync and send (Synapse is not needed), and the webhook relay's `/v1/updates` with Slack's Web
/// API or a held Teams outgoing webhook (`/v1/replies/{seq}`). It keeps people's messages in order, serves those
/// after the cursor, and records the bot's replies (a repeated Matrix transaction id is one message, as on Synapse).
final class MiniPlatformServer: Sendable {
    /// Which platform it plays.
    enum Dialect: String, Sendable {
        case matrix, slack, teams
    }

    struct Message: Sendable {
        let sequence: Int
        let text: String
        let time: Int64
    }

    private struct State {
        var messages: [Message] = []
        var replies: [String: String] = [:]
        var skew: Int64 = 0
    }

    let dialect: Dialect
    let server: LoopbackHTTPServer
    private let box = StateBox()

    static let room = "!dm:x"

    init(_ dialect: Dialect) throws {
        self.dialect = dialect
        server = try LoopbackHTTPServer { [box] request in Self.handle(request, dialect, box) }
    }

    deinit { server.stop() }

    /// Makes a person write `text`; returns its sequence number.
    @discardableResult
    func post(_ text: String) -> Int {
        box.state.withLock { state in
            let message = Message(
                sequence: state.messages.count + 1,
                text: text,
                time: Int64(Date().timeIntervalSince1970) + state.skew
            )
            state.messages.append(message)
            return message.sequence
        }
    }

    /// The platform's clock is off by `seconds` from now on.
    func setSkew(_ seconds: Int) { box.state.withLock { $0.skew = Int64(seconds) } }

    /// The bot's replies so far (one per distinct send).
    var replyCount: Int { box.state.withLock { $0.replies.count } }

    /// A `Mutex` shared with the server's handler.
    private final class StateBox: Sendable {
        let state = Mutex(State())
    }

    // MARK: - The contract

    private static func handle(
        _ request: LoopbackHTTPServer.Request,
        _ dialect: Dialect,
        _ box: StateBox
    ) -> LoopbackHTTPServer.Action {
        let path = String(request.path.prefix { $0 != "?" })
        let query = Self.query(request.path)
        switch (dialect, request.method, path) {
        case (.matrix, "GET", "/_matrix/client/v3/account/whoami"):
            return .json(200, #"{"user_id": "@bot:x"}"#)
        case (.matrix, "POST", _) where path.hasSuffix("/filter"):
            return .json(200, #"{"filter_id": "1"}"#)
        case (.matrix, "GET", "/_matrix/client/v3/sync"):
            let after = Int(query["since"]?.dropFirst() ?? "") ?? -1
            return box.state.withLock { state in
                let last = state.messages.count
                let new = after < 0 ? [] : state.messages.filter { $0.sequence > after }
                let events = new.map { message in
                    #"{"type": "m.room.message", "event_id": "$e\#(message.sequence)", "sender": "@sam:x", "#
                        + #""origin_server_ts": \#(message.time * 1_000), "#
                        + #""content": {"msgtype": "m.text", "body": \#(quoted(message.text))}}"#
                }
                let rooms =
                    events.isEmpty
                    ? "{}"
                    : #"{"join": {"\#(room)": {"timeline": {"limited": false, "events": [\#(events.joined(separator: ","))]}}}}"#
                return .respond(
                    status: 200,
                    headers: ["Content-Type": "application/json"],
                    body: Data(#"{"next_batch": "s\#(last)", "rooms": \#(rooms)}"#.utf8),
                    delay: new.isEmpty && after >= 0 ? 0.05 : 0
                )
            }
        case (.matrix, "PUT", _) where path.contains("/send/m.room.message/"):
            let body = (request.json as? [String: Any])?["body"] as? String ?? ""
            box.state.withLock { $0.replies[path] = body }
            return .json(200, #"{"event_id": "$r"}"#)
        case (.slack, "POST", "/auth.test"):
            return .json(200, #"{"ok": true, "user_id": "UBOT", "team_id": "T1"}"#)
        case (.slack, "POST", "/chat.postMessage"):
            let fields = request.json as? [String: Any] ?? [:]
            let key = "\(box.state.withLock { $0.replies.count })"
            box.state.withLock { $0.replies[key] = fields["text"] as? String ?? "" }
            return .json(200, #"{"ok": true, "ts": "1795944000.\#(key)"}"#)
        case (.teams, "POST", _) where path.hasPrefix("/v1/replies/"):
            let text = (request.json as? [String: Any])?["text"] as? String ?? ""
            box.state.withLock { $0.replies["\(path)#\($0.replies.count)"] = text }
            return .json(200, "{}")
        case (_, "GET", "/v1/updates"):
            let after = Int(query["after"] ?? "") ?? 0
            return box.state.withLock { state in
                let new = state.messages.filter { $0.sequence > after }
                let events = new.map { event(dialect, $0) }.joined(separator: ",")
                return .respond(
                    status: 200,
                    headers: ["Content-Type": "application/json"],
                    body: Data(#"{"events": [\#(events)]}"#.utf8),
                    delay: new.isEmpty && after > 0 ? 0.05 : 0
                )
            }
        default:
            return .json(404, #"{"errcode": "M_UNRECOGNIZED", "ok": false, "error": "not_found"}"#)
        }
    }

    private static func event(_ dialect: Dialect, _ message: Message) -> String {
        switch dialect {
        case .slack:
            return #"{"seq": \#(message.sequence), "source": "slack", "payload": {"type": "event_callback", "#
                + #""event_id": "Ev\#(message.sequence)", "event": {"type": "message", "channel": "D1", "#
                + #""channel_type": "im", "user": "U1", "ts": "\#(message.time).\#(message.sequence)", "#
                + #""text": \#(quoted(message.text))}}}"#
        case .teams, .matrix:
            let time = Date(timeIntervalSince1970: TimeInterval(message.time)).formatted(.iso8601)
            return #"{"seq": \#(message.sequence), "source": "teams-webhook", "payload": {"type": "message", "#
                + #""id": "a\#(message.sequence)", "timestamp": "\#(time)", "text": \#(quoted(message.text)), "#
                + #""from": {"id": "29:u1", "name": "Sam", "aadObjectId": "aad-u1"}, "#
                + #""conversation": {"id": "19:channel", "conversationType": "channel"}, "#
                + #""serviceUrl": "https://smba.example/"}}"#
        }
    }

    private static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8), as: UTF8.self)
            .dropFirst().dropLast().description
    }

    private static func query(_ path: String) -> [String: String] {
        guard let question = path.firstIndex(of: "?") else { return [:] }
        var fields: [String: String] = [:]
        for pair in path[path.index(after: question)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { fields[parts[0]] = parts[1].removingPercentEncoding ?? parts[1] }
        }
        return fields
    }
}
