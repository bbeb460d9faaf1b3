import AssistantCore
import CurlHTTP
import Foundation
import Platforms
import PreventAssistTesting
import Synchronization
import Testing

/// The Matrix adapter against a loopback stub that answers from the client-server API contract and injects faults.
@Suite(.timeLimit(.minutes(1)))
struct MatrixAdapterTests {
    final class Memory: PlatformMemory, Sendable {
        private let values = Mutex<[String: String]>([:])
        func value(_ name: String) -> String? { values.withLock { $0[name] } }
        func setValue(_ value: String, _ name: String) { values.withLock { $0[name] = value } }
    }

    static let sync = """
        {"next_batch": "s2", "rooms": {"join": {"!room:x": {"timeline": {"limited": false, "events": [
          {"type": "m.room.message", "event_id": "$good", "sender": "@sam:x", "origin_server_ts": 1795944000000,
           "content": {"msgtype": "m.text", "body": "what is channel?"}},
          {"type": "m.room.message", "event_id": "$bad", "sender": "@sam:x", "origin_server_ts": 1795944000000,
           "content": {"msgtype": "m.text", "body": 42}},
          {"type": "m.room.message", "event_id": "$own", "sender": "@bot:x", "origin_server_ts": 1795944000000,
           "content": {"msgtype": "m.notice", "body": "my own reply"}},
          {"type": "m.room.encrypted", "event_id": "$enc", "sender": "@sam:x", "origin_server_ts": 1795944000000,
           "content": {"algorithm": "m.megolm.v1.aes-sha2"}}
        ]}}}}}
        """

    func platform(
        _ server: LoopbackHTTPServer,
        password: Bool = false,
        memory: Memory = Memory(),
        notices: PlatformNotices = .standard
    ) throws -> MatrixPlatform {
        var settings = ["homeserver": server.baseURL, "user_id": "@bot:x"]
        settings[password ? "password_env" : "access_token_env"] = "SECRET"
        return try MatrixPlatform(
            account: PlatformAccount(kind: "matrix", id: "stub", settings: settings, notices: notices),
            environment: ["SECRET": "s3cret"],
            transport: CurlTransport(),
            memory: memory
        )
    }

    @Test func readsPeopleSkipsMalformedAndOwnEventsAndExplainsEncryptionOnce() async throws {
        let server = try LoopbackHTTPServer { request in
            if request.path.hasPrefix("/_matrix/client/v3/sync") { return .json(200, Self.sync) }
            return .json(200, #"{"event_id": "$sent"}"#)
        }
        defer { server.stop() }
        let matrix = try platform(server)
        let batch = try await matrix.poll(after: "s1")
        #expect(batch.messages.map(\.messageID) == ["$good"])
        #expect(batch.messages.first?.text == "what is channel?")
        #expect(batch.messages.first?.isDirect == false)
        #expect(batch.skipped == ["$bad"])
        #expect(batch.cursor == "s2")
        let notices = server.requests.filter { $0.method == "PUT" }
        #expect(notices.count == 1)
        let notice = String(decoding: notices.first?.body ?? Data(), as: UTF8.self)
        #expect(notice.contains("encrypted"))
        _ = try await matrix.poll(after: "s2")
        #expect(server.requests.filter { $0.method == "PUT" }.count == 1)  // once per room
    }

    /// The notice's wording is the account's (the core's), never the adapter's own; without one nothing is sent.
    @Test func theEncryptionNoticeIsTheAccountsWording() async throws {
        let server = try LoopbackHTTPServer { request in
            if request.path.hasPrefix("/_matrix/client/v3/sync") { return .json(200, Self.sync) }
            return .json(200, #"{"event_id": "$sent"}"#)
        }
        defer { server.stop() }
        let worded = PlatformNotices(
            encryptedMessage: Reply(kind: .notice, text: "Encrypted-room notice from the core")
        )
        _ = try await platform(server, notices: worded).poll(after: "s1")
        let sent = server.requests.filter { $0.method == "PUT" }.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(sent.count == 1)
        #expect(sent.first?.contains("Encrypted-room notice from the core") == true)
        #expect(sent.first?.contains("999") == false)

        let silent = try LoopbackHTTPServer { request in
            if request.path.hasPrefix("/_matrix/client/v3/sync") { return .json(200, Self.sync) }
            return .json(200, #"{"event_id": "$sent"}"#)
        }
        defer { silent.stop() }
        let batch = try await platform(silent, notices: PlatformNotices()).poll(after: "s1")
        #expect(batch.messages.map(\.messageID) == ["$good"])
        #expect(silent.requests.filter { $0.method == "PUT" }.isEmpty)
    }

    @Test func rateLimitCarriesTheServersWait() async throws {
        let server = try LoopbackHTTPServer { _ in
            .json(429, #"{"errcode": "M_LIMIT_EXCEEDED", "retry_after_ms": 1500}"#, headers: ["Retry-After": "2"])
        }
        defer { server.stop() }
        await #expect {
            try await platform(server).send(
                Reply(kind: .answer, text: "x"),
                to: "!r:x",
                replyingTo: nil,
                idempotencyKey: "k"
            )
        } throws: { error in
            (error as? PlatformError)?.kind == .rateLimited(seconds: 1.5)
        }
    }

    @Test func serverErrorsAreTransientAndMalformedJSONIsNotTrusted() async throws {
        let server = try LoopbackHTTPServer { request in
            request.path.contains("sync") ? .respond(status: 200, body: Data("{not json".utf8)) : .json(502, "{}")
        }
        defer { server.stop() }
        let matrix = try platform(server)
        await #expect { _ = try await matrix.poll(after: "s1") } throws: { ($0 as? PlatformError)?.kind == .transient }
        await #expect {
            try await matrix.send(Reply(kind: .answer, text: "x"), to: "!r:x", replyingTo: nil, idempotencyKey: "k")
        } throws: { ($0 as? PlatformError)?.kind == .transient }
    }

    @Test func aRefusedTokenLogsInAgainOnTheSameDeviceWhenAPasswordIsConfigured() async throws {
        let logins = Mutex(0)
        let server = try LoopbackHTTPServer { request in
            if request.path.hasSuffix("/login") {
                let count = logins.withLock { value -> Int in
                    value += 1
                    return value
                }
                return .json(200, #"{"access_token": "token-\#(count)", "device_id": "DEVICE1"}"#)
            }
            if request.header("authorization") == "Bearer token-1" {
                return .json(401, #"{"errcode": "M_UNKNOWN_TOKEN", "soft_logout": false}"#)
            }
            if request.path.contains("whoami") { return .json(200, #"{"user_id": "@bot:x"}"#) }
            if request.path.contains("/filter") { return .json(200, #"{"filter_id": "1"}"#) }
            if request.path.contains("override_ratelimit") { return .json(403, #"{"errcode": "M_FORBIDDEN"}"#) }
            return .json(200, #"{"event_id": "$sent"}"#)
        }
        defer { server.stop() }
        let memory = Memory()
        let matrix = try platform(server, password: true, memory: memory)
        let warnings = try await matrix.start()
        #expect(warnings.first?.contains("override_ratelimit") == true)  // the admin command, when it cannot check
        try await matrix.send(
            Reply(kind: .answer, text: "**hi** <b>"),
            to: "!r:x",
            replyingTo: nil,
            idempotencyKey: "pa-$e-0"
        )
        #expect(logins.withLock { $0 } == 2)
        #expect(memory.value("device_id") == "DEVICE1")
        let secondLogin = try #require(
            server.requests.filter { $0.path.hasSuffix("/login") }.last?.json as? [String: Any]
        )
        #expect(secondLogin["device_id"] as? String == "DEVICE1")
        let sent = try #require(server.requests.last)
        #expect(sent.path.hasSuffix("/send/m.room.message/pa-_e-0"))
        let content = try #require(sent.json as? [String: Any])
        #expect(content["formatted_body"] as? String == "<strong>hi</strong> &lt;b&gt;")
        #expect(content["body"] as? String == "hi <b>")
    }

    @Test func aRefusedTokenWithoutAPasswordStopsThePlatform() async throws {
        let server = try LoopbackHTTPServer { _ in .json(401, #"{"errcode": "M_UNKNOWN_TOKEN"}"#) }
        defer { server.stop() }
        await #expect { _ = try await platform(server).start() } throws: {
            ($0 as? PlatformError)?.kind == .unauthorized
        }
    }
}
