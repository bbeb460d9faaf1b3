import Foundation
import PreventAssistTesting
import Synchronization

/// Slack's Web API as a loopback stub, from its published contract: `auth.test`, `chat.postMessage`
/// (`{ok, channel, ts}`), `conversations.open` (`{ok, channel: {id}}`), bearer `xoxb-` token, `{"ok":false,"error":…}`
/// on failure, HTTP 429 with `Retry-After` when rate limited.
final class SlackStub: Sendable {
    static let botToken = "xoxb-test-bot-token"
    static let botUserID = "U0BOT"

    struct Posted: Sendable {
        let channel: String
        let text: String
        let threadTS: String?
        let hasButtons: Bool
    }

    private struct State {
        var posted: [Posted] = []
        var rateLimitNext = 0
        var rateLimited = 0
        var opened: [String] = []
    }

    private final class Store: Sendable {
        let state = Mutex(State())
    }

    private let store = Store()
    let server: LoopbackHTTPServer

    init() throws {
        let store = store
        server = try LoopbackHTTPServer { request in Self.handle(request, store) }
    }

    var baseURL: String { server.baseURL + "/api" }
    var posted: [Posted] { store.state.withLock { $0.posted } }
    var rateLimited: Int { store.state.withLock { $0.rateLimited } }
    var opened: [String] { store.state.withLock { $0.opened } }
    func rateLimitNextPosts(_ count: Int) { store.state.withLock { $0.rateLimitNext = count } }
    func stop() { server.stop() }

    private static func handle(_ request: LoopbackHTTPServer.Request, _ store: Store) -> LoopbackHTTPServer.Action {
        guard request.header("authorization") == "Bearer \(botToken)" else {
            return .json(200, #"{"ok":false,"error":"invalid_auth"}"#)
        }
        let body = request.json as? [String: Any] ?? [:]
        switch request.path {
        case "/api/auth.test":
            return .json(200, #"{"ok":true,"user_id":"\#(botUserID)","bot_id":"B0BOT","team_id":"T0UNI"}"#)
        case "/api/chat.postMessage":
            guard let channel = body["channel"] as? String, let text = body["text"] as? String else {
                return .json(200, #"{"ok":false,"error":"invalid_arguments"}"#)
            }
            return store.state.withLock { state in
                if state.rateLimitNext > 0 {
                    state.rateLimitNext -= 1
                    state.rateLimited += 1
                    return .json(429, #"{"ok":false,"error":"ratelimited"}"#, headers: ["Retry-After": "1"])
                }
                state.posted.append(
                    Posted(
                        channel: channel,
                        text: text,
                        threadTS: body["thread_ts"] as? String,
                        hasButtons: body["blocks"] != nil
                    )
                )
                let ts = "1795944100.\(String(format: "%06d", state.posted.count))"
                return .json(200, #"{"ok":true,"channel":"\#(channel)","ts":"\#(ts)"}"#)
            }
        case "/api/conversations.open":
            guard let user = body["users"] as? String else { return .json(200, #"{"ok":false,"error":"no_user"}"#) }
            store.state.withLock { $0.opened.append(user) }
            return .json(200, #"{"ok":true,"channel":{"id":"D0\#(user)"}}"#)
        default:
            return .json(404, #"{"ok":false,"error":"unknown_method"}"#)
        }
    }

    /// What a person sees of a posted `mrkdwn` text: `*bold*` markers gone (a doubled `**` is literal in mrkdwn),
    /// `<url|text>` as text, entities decoded.
    static func visible(_ mrkdwn: String) -> String {
        mrkdwn.replacingOccurrences(of: #"(?<!\*)\*([^*\n]+)\*(?!\*)"#, with: "$1", options: .regularExpression)
            .replacingOccurrences(of: #"<[^|>]+\|([^>]+)>"#, with: "$1", options: .regularExpression)
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
