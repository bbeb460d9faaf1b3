import Foundation
import Platforms
import PreventAssistTesting

/// One adapter and the stub it talks to, for the fault-injection suite: people write, the bot's replies are
/// counted, and faults go in front of the stub's poll endpoint.
struct FaultTarget: Sendable {
    let name: String
    let server: LoopbackHTTPServer
    let makePlatform: @Sendable () throws -> any ChatPlatform
    let post: @Sendable (String) -> Void
    let replyCount: @Sendable () -> Int
    let isPoll: @Sendable (LoopbackHTTPServer.Request) -> Bool
    /// Sets the platform's clock `seconds` off (its own stub's clock, or timestamps rewritten in poll responses).
    let skew: @Sendable (Int) -> Void

    static let names = ["telegram", "zulip", "mattermost", "matrix", "slack", "teams"]

    /// The target called `name`, with a fresh stub.
    static func make(_ name: String) throws -> FaultTarget {
        switch name {
        case "telegram":
            let stub = try TelegramStub()
            return FaultTarget(
                name: name,
                server: stub.server,
                makePlatform: { try TelegramStubHarness.platform(stub) },
                post: { stub.postAsPerson($0, in: TelegramStub.person) },
                replyCount: { stub.botMessages(in: TelegramStub.person).count },
                isPoll: { $0.path.contains("/getUpdates") },
                skew: {
                    Self.rewriteTimes(
                        stub.server,
                        keys: ["date"],
                        seconds: $0,
                        isPoll: { $0.path.contains("/getUpdates") }
                    )
                }
            )
        case "zulip":
            let stub = try ZulipStubServer()
            let harness = ZulipConformanceHarness(stub: stub)
            let conversation = "dm:\(ZulipStubServer.personID)"
            let isPoll: @Sendable (LoopbackHTTPServer.Request) -> Bool = { $0.path.hasPrefix("/api/v1/events") }
            return FaultTarget(
                name: name,
                server: stub.server,
                makePlatform: { try harness.makeZulip() },
                post: { stub.post($0, from: ZulipStubServer.personID, in: conversation) },
                replyCount: { stub.botMessages(in: conversation).count },
                isPoll: isPoll,
                skew: { Self.rewriteTimes(stub.server, keys: ["timestamp"], seconds: $0, isPoll: isPoll) }
            )
        case "mattermost":
            let stub = try MattermostStubServer()
            let harness = MattermostConformanceHarness(stub: stub)
            let channel = MattermostStubServer.directChannel
            let isPoll: @Sendable (LoopbackHTTPServer.Request) -> Bool = {
                $0.method == "GET" && $0.path.hasPrefix("/api/v4/channels/") && $0.path.contains("/posts")
            }
            return FaultTarget(
                name: name,
                server: stub.server,
                makePlatform: { try harness.makeMattermost() },
                post: { stub.post($0, from: MattermostStubServer.personID, in: channel) },
                replyCount: { stub.botPosts(in: channel).count },
                isPoll: isPoll,
                skew: { stub.shiftClock(by: Int64($0) * 1_000) }
            )
        default:
            let dialect: MiniPlatformServer.Dialect =
                switch name {
                case "matrix": .matrix
                case "slack": .slack
                default: .teams
                }
            let stub = try MiniPlatformServer(dialect)
            let adapter = LoopbackAdapter(rawValue: name) ?? .teams
            return FaultTarget(
                name: name,
                server: stub.server,
                makePlatform: {
                    let memory = InMemoryPlatformMemory()
                    memory.setValue("yes", "direct:\(MiniPlatformServer.room)")
                    return try adapter.make(stub.server.baseURL, memory: memory)
                },
                post: { stub.post($0) },
                replyCount: { stub.replyCount },
                isPoll: { $0.path.hasPrefix(dialect == .matrix ? "/_matrix/client/v3/sync" : "/v1/updates") },
                skew: { stub.setSkew($0) }
            )
        }
    }

    /// Shifts the numbers at `keys` in poll responses by `seconds` (the stub's clock runs off by that much).
    static func rewriteTimes(
        _ server: LoopbackHTTPServer,
        keys: [String],
        seconds: Int,
        isPoll: @escaping @Sendable (LoopbackHTTPServer.Request) -> Bool
    ) {
        server.intercept { request, next in
            let action = next()
            guard isPoll(request), case .respond(let status, let headers, let body, let delay) = action else {
                return action
            }
            var text = String(decoding: body, as: UTF8.self)
            for key in keys {
                let pattern = try? NSRegularExpression(pattern: "\"\(key)\"\\s*:\\s*(-?\\d+)")
                let matches = pattern?.matches(in: text, range: NSRange(text.startIndex..., in: text)) ?? []
                for match in matches.reversed() {
                    guard let range = Range(match.range(at: 1), in: text), let value = Int64(text[range]) else {
                        continue
                    }
                    text.replaceSubrange(range, with: String(value + Int64(seconds)))
                }
            }
            return .respond(status: status, headers: headers, body: Data(text.utf8), delay: delay)
        }
    }
}
