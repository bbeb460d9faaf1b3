import AssistantCore
import CurlHTTP
import Foundation
import Platforms
import PreventAssistTesting
import Testing

/// The Telegram adapter against the contract stub: message mapping, buttons, threading, idempotency, and faults.
@Suite(.timeLimit(.minutes(1)))
struct TelegramAdapterTests {
    typealias Stub = TelegramStub

    /// Starts an adapter and takes the cold-start position.
    func started(
        _ stub: Stub,
        memory: InMemoryPlatformMemory = InMemoryPlatformMemory()
    ) async throws -> (
        TelegramPlatform, String
    ) {
        let telegram = try TelegramStubHarness.platform(stub, memory: memory)
        _ = try await telegram.start()
        return (telegram, try await telegram.poll(after: nil).cursor)
    }

    func kind(_ error: any Error) -> PlatformError.Kind? { (error as? PlatformError)?.kind }

    /// The error `body` throws, if any.
    func thrown(_ body: () async throws -> Void) async -> (any Error)? {
        do {
            try await body()
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Receiving

    @Test func mapsPrivateAndGroupTextMessagesAndSkipsStickersAndChannels() async throws {
        let stub = try Stub()
        defer { stub.stop() }
        let (telegram, cursor) = try await started(stub)
        stub.postAsPerson("in private", in: Stub.person)
        stub.postSticker(in: Stub.person)
        stub.postAsPerson("in the group", in: Stub.group, topic: 77)
        stub.enqueueRaw { id in
            #"""
            {"update_id": \#(id), "channel_post": {"message_id": 1, "date": 1,
             "chat": {"id": -5, "type": "channel"}, "text": "x"}}
            """#
        }
        let batch = try await telegram.poll(after: cursor)
        #expect(batch.messages.map(\.text) == ["in private", "in the group"])
        let direct = try #require(batch.messages.first)
        #expect(direct.isDirect && direct.conversationID == "42" && direct.senderID == "42")
        #expect(direct.senderName == "Sam Taylor" && direct.timestamp == 1_795_944_000)
        #expect(direct.messageID == "42:1" && direct.threadID == nil)
        let group = try #require(batch.messages.last)
        #expect(!group.isDirect && group.conversationID == String(Stub.group) && group.threadID == "77")
        #expect(batch.skipped.isEmpty)
        #expect(Int64(batch.cursor) ?? 0 > Int64(cursor) ?? 0)
        let poll = try #require(stub.server.requests.last { $0.path.hasSuffix("/getUpdates") }?.json as? [String: Any])
        #expect(poll["allowed_updates"] as? [String] == ["message", "callback_query"])
        #expect(poll["timeout"] as? Int == 1)
    }

    /// A tap carries no time of its own: it is stamped with the injected clock's.
    @Test func aTappedButtonBecomesItsPayloadAndIsAnswered() async throws {
        let stub = try Stub()
        defer { stub.stop() }
        let telegram = try TelegramStubHarness.platform(stub, clock: .fixed(1_795_950_000.5))
        _ = try await telegram.start()
        let cursor = try await telegram.poll(after: nil).cursor
        stub.tapButton("opaque-1", on: 5, in: Stub.person)
        let batch = try await telegram.poll(after: cursor)
        let tap = try #require(batch.messages.first)
        #expect(tap.text == "opaque-1" && tap.isDirect && tap.senderID == "42")
        #expect(tap.timestamp == 1_795_950_000)
        #expect(tap.messageID == "42:callback:cbq-1")
        #expect(stub.answeredCallbacks == ["cbq-1"])
    }

    /// An update id of 2^63-1 from a hostile server must not overflow the cold-start cursor (`last + 1` trapped).
    @Test func theColdStartCursorCannotOverflow() async throws {
        let stub = try Stub()
        defer { stub.stop() }
        let telegram = try TelegramStubHarness.platform(stub)
        _ = try await telegram.start()
        stub.enqueueRaw { _ in
            #"""
            {"update_id": 9223372036854775807, "message": {"message_id": 1, "date": 1,
             "chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": false, "first_name": "Sam"}, "text": "x"}}
            """#
        }
        let cold = try await telegram.poll(after: nil)
        #expect(cold.messages.isEmpty)
        #expect(cold.cursor == String(Int64.max))
    }

    @Test func malformedUpdatesAreSkippedByIdAndTheRestDelivered() async throws {
        let stub = try Stub()
        defer { stub.stop() }
        let (telegram, cursor) = try await started(stub)
        stub.postAsPerson("before", in: Stub.person)
        var badID: Int64 = 0
        stub.enqueueRaw { id in
            badID = id
            return
                #"""
                {"update_id": \#(id), "message": {"message_id": 9, "date": 1, "chat": {"id": 42, "type": "private"},
                 "from": {"id": 42, "is_bot": false}, "text": 42}}
                """#
        }
        stub.enqueueRaw { id in #"{"update_id": \#(id), "message": "not an object"}"# }
        stub.postAsPerson("after", in: Stub.person)
        let batch = try await telegram.poll(after: cursor)
        #expect(batch.messages.map(\.text) == ["before", "after"])
        #expect(batch.skipped == [String(badID), String(badID + 1)])
    }

    @Test func aMalformedBodyIsTransient() async throws {
        let stub = try Stub()
        defer { stub.stop() }
        let (telegram, cursor) = try await started(stub)
        stub.fail("getUpdates", status: 200, body: "{not json")
        await #expect { _ = try await telegram.poll(after: cursor) } throws: { kind($0) == .transient }
        stub.fail("getUpdates", status: 200, body: #"{"ok": true, "result": {"not": "a list"}}"#)
        await #expect { _ = try await telegram.poll(after: cursor) } throws: { kind($0) == .transient }
    }

    // MARK: - Sending

    @Test func repliesInHTMLThreadedWithButtonsOnTheLastPartOnly() async throws {
        let stub = try Stub()
        defer { stub.stop() }
        let (telegram, cursor) = try await started(stub)
        let asked = stub.postAsPerson("question", in: Stub.group, topic: 77)
        let message = try #require(try await telegram.poll(after: cursor).messages.first)
        #expect(message.messageID == asked)
        let long = String(repeating: "A sentence about **Channel** & <referrals>. ", count: 150)
        let reply = Reply(
            kind: .answer,
            text: long,
            suggestions: [
                Reply.Suggestion(title: "Report a concern", intentID: "a", payload: ButtonPayload("1")),
                Reply.Suggestion(
                    title: String(repeating: "very long title ", count: 6),
                    intentID: "b",
                    payload: ButtonPayload("2")
                ),
            ]
        )
        try await telegram.send(
            reply,
            to: message.conversationID,
            replyingTo: ReplyContext(messageID: message.messageID, threadID: message.threadID),
            idempotencyKey: "pa-1"
        )
        let sent = stub.sendRequests
        #expect(sent.count == 2)
        #expect(sent.allSatisfy { $0["parse_mode"] as? String == "HTML" && $0["message_thread_id"] as? Int == 77 })
        let replyTo = sent.first?["reply_parameters"] as? [String: Any]
        #expect(replyTo?["message_id"] as? Int == 1 && replyTo?["allow_sending_without_reply"] as? Bool == true)
        #expect(sent.last?["reply_parameters"] == nil && sent.first?["reply_markup"] == nil)
        let keyboard = try #require(
            (sent.last?["reply_markup"] as? [String: Any])?["inline_keyboard"] as? [[[String: Any]]]
        )
        #expect(keyboard.map { $0.first?["callback_data"] as? String } == ["1", "2"])
        #expect(keyboard.first?.first?["text"] as? String == "Report a concern")
        let truncated = try #require(keyboard.last?.first?["text"] as? String)
        #expect(truncated.count <= 40 && truncated.hasSuffix("…"))
        let visible = stub.botMessages(in: Stub.group).map(\.visible)
        #expect(visible.first?.hasPrefix("A sentence about Channel & <referrals>.") == true)
        #expect(visible.joined(separator: " ") == long.replacing("**", with: "").trimmingCharacters(in: .whitespaces))
    }

    @Test func aResendAfterACrashSendsOnlyTheMissingParts() async throws {
        let stub = try Stub()
        defer { stub.stop() }
        let memory = InMemoryPlatformMemory()
        let (first, _) = try await started(stub, memory: memory)
        let text = String(repeating: "Share the concern with the safeguarding lead today. ", count: 200)
        // The second part fails: the "crash" happens after part one was sent and recorded.
        stub.failAfter("sendMessage", successes: 1, status: 502, body: "Bad Gateway")
        await #expect {
            try await first.send(Reply(kind: .answer, text: text), to: "42", replyingTo: nil, idempotencyKey: "k")
        } throws: { kind($0) == .transient }
        #expect(stub.botMessages(in: Stub.person).count == 1)
        #expect(memory.names == ["sent:k#1"])
        let (restarted, _) = try await started(stub, memory: memory)
        try await restarted.send(Reply(kind: .answer, text: text), to: "42", replyingTo: nil, idempotencyKey: "k")
        let parts = stub.botMessages(in: Stub.person)
        #expect(parts.count == 3)
        #expect(parts.map(\.visible).joined(separator: " ") == text.trimmingCharacters(in: .whitespaces))
        try await restarted.send(Reply(kind: .answer, text: text), to: "42", replyingTo: nil, idempotencyKey: "k")
        #expect(stub.botMessages(in: Stub.person).count == 3)
    }

    @Test func aDirectConversationIsTheUsersIdAndABlockedUserIsRejected() async throws {
        let stub = try Stub()
        defer { stub.stop() }
        let (telegram, _) = try await started(stub)
        #expect(try await telegram.openDirectConversation(with: "42") == "42")
        await #expect { _ = try await telegram.openDirectConversation(with: "@sam") } throws: { kind($0) == .rejected }
        stub.block(Stub.person)
        await #expect {
            try await telegram.send(Reply(kind: .notice, text: "hi"), to: "42", replyingTo: nil, idempotencyKey: "b")
        } throws: { kind($0) == .rejected }
        await #expect {
            try await telegram.send(Reply(kind: .notice, text: "hi"), to: "-99", replyingTo: nil, idempotencyKey: "c")
        } throws: { kind($0) == .rejected }
    }

    // MARK: - Faults

    @Test func rateLimitCarriesRetryAfter() async throws {
        let stub = try Stub()
        defer { stub.stop() }
        let (telegram, _) = try await started(stub)
        stub.fail(
            "sendMessage",
            status: 429,
            body:
                #"""
                {"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 17",
                 "parameters": {"retry_after": 17}}
                """#
        )
        await #expect {
            try await telegram.send(Reply(kind: .answer, text: "x"), to: "42", replyingTo: nil, idempotencyKey: "r")
        } throws: { kind($0) == .rateLimited(seconds: 17) }
    }

    @Test func serverErrorsAndConnectionFailuresAreTransientAndNeverShowTheToken() async throws {
        let stub = try Stub()
        defer { stub.stop() }
        let (telegram, cursor) = try await started(stub)
        stub.fail(
            "getUpdates",
            status: 500,
            body: #"{"ok": false, "error_code": 500, "description": "Internal Server Error"}"#
        )
        let serverError = try #require(await thrown { _ = try await telegram.poll(after: cursor) })
        let unreachable = try TelegramStubHarness.platform(stub, settings: ["api_base": "http://127.0.0.1:1"])
        let networkError = try #require(await thrown { _ = try await unreachable.start() })
        #expect(kind(serverError) == .transient && kind(networkError) == .transient)
        let messages = ["\(serverError)", "\(networkError)"]
        let secret = try #require(TelegramStub.token.split(separator: ":").last)
        #expect(messages.allSatisfy { !$0.contains(TelegramStub.token) && !$0.contains(secret) })
        #expect(messages.allSatisfy { $0.contains("platform stub") })
    }

    @Test func aConflictOrAWebhookStopsThePlatformSayingWhy() async throws {
        let stub = try Stub()
        defer { stub.stop() }
        let (telegram, cursor) = try await started(stub)
        stub.fail(
            "getUpdates",
            status: 409,
            body:
                #"""
                {"ok": false, "error_code": 409, "description": "Conflict: terminated by other getUpdates request; \#
                make sure that only one bot instance is running"}
                """#
        )
        await #expect { _ = try await telegram.poll(after: cursor) } throws: { error in
            kind(error) == .fatal && "\(error)".contains("another process is polling") && "\(error)".contains("webhook")
        }
        stub.setWebhook("https://bot.example.ac.uk/hook/secret-path")
        let fresh = try TelegramStubHarness.platform(stub)
        await #expect { _ = try await fresh.start() } throws: { error in
            kind(error) == .fatal && "\(error)".contains("webhook is set") && !"\(error)".contains("secret-path")
        }
    }

    @Test func aRefusedTokenIsFatalAndPrivacyModeIsReported() async throws {
        let stub = try Stub()
        defer { stub.stop() }
        let warnings = try await TelegramStubHarness.platform(stub).start()
        #expect(warnings.count == 1 && warnings.first?.contains("/setprivacy") == true)
        let wrong = try TelegramPlatform(
            account: PlatformAccount(
                kind: "telegram",
                id: "stub",
                settings: ["api_base": stub.baseURL, "token_env": "T"]
            ),
            environment: ["T": "999:wrong-token"],
            transport: CurlTransport(),
            memory: InMemoryPlatformMemory()
        )
        await #expect { _ = try await wrong.start() } throws: { error in
            kind(error) == .fatal && "\(error)".contains("token") && !"\(error)".contains("wrong-token")
        }
        #expect(throws: PlatformError.self) {
            _ = try TelegramPlatform(
                account: PlatformAccount(kind: "telegram", id: "x", settings: [:]),
                environment: [:],
                transport: CurlTransport(),
                memory: InMemoryPlatformMemory()
            )
        }
    }
}
