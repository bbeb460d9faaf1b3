import AssistantCore
import CurlHTTP
import Foundation
import Platforms
import PreventAssistTesting
import Testing

/// The Zulip adapter against a stateful stub written from Zulip's REST API contract: the shared conformance checks,
/// then queue death, topics, heartbeats and faults.
@Suite(.timeLimit(.minutes(1)))
struct ZulipAdapterTests {
    let stub: ZulipStubServer
    let harness: ZulipConformanceHarness

    init() throws {
        stub = try ZulipStubServer()
        harness = ZulipConformanceHarness(stub: stub)
    }

    var stream: String { harness.groupConversation }

    @Test(arguments: PlatformConformance.Check.allCases)
    func conforms(_ check: PlatformConformance.Check) async throws {
        try await PlatformConformance.run(check, on: harness)
    }

    @Test func aDeadQueueIsReplacedAndEverythingSentMeanwhileArrivesExactlyOnce() async throws {
        let zulip = try harness.makeZulip()
        _ = try await zulip.start()
        let start = try await zulip.poll(after: nil).cursor
        stub.post("before", from: ZulipStubServer.personID, in: stream)
        let first = try await zulip.poll(after: start)
        #expect(first.messages.map(\.text) == ["before"])
        stub.killQueues()
        stub.post("while dead 1", from: ZulipStubServer.personID, in: stream)
        stub.post("my own", from: ZulipStubServer.botID, in: stream)
        stub.post("while dead 2", from: ZulipStubServer.personID, in: harness.directConversation)
        let caughtUp = try await zulip.poll(after: first.cursor)
        #expect(caughtUp.messages.map(\.text) == ["while dead 1", "while dead 2"])
        #expect(caughtUp.messages.last?.isDirect == true)
        #expect(stub.queueCount == 2)
        stub.post("after", from: ZulipStubServer.personID, in: stream)
        var later: [String] = []
        var cursor = caughtUp.cursor
        for _ in 0..<5 where !later.contains("after") {
            let batch = try await zulip.poll(after: cursor)
            later += batch.messages.map(\.text)
            cursor = batch.cursor
        }
        #expect(later == ["after"])
    }

    @Test func aStreamMessageIsAnsweredInTheSameTopic() async throws {
        let zulip = try harness.makeZulip()
        let start = try await zulip.poll(after: nil).cursor
        let topic = "stream:\(ZulipStubServer.streamID):Referrals: how?"
        stub.post("who do I tell?", from: ZulipStubServer.personID, in: topic)
        let message = try #require(try await zulip.poll(after: start).messages.first)
        #expect(message.conversationID == topic)
        #expect(message.isDirect == false)
        #expect(message.senderID == "\(ZulipStubServer.personID)")
        try await zulip.send(
            Reply(kind: .answer, text: "Your safeguarding lead."),
            to: message.conversationID,
            replyingTo: ReplyContext(messageID: message.messageID, threadID: message.threadID),
            idempotencyKey: "pa-\(message.messageID)-0"
        )
        #expect(stub.botMessages(in: topic) == ["Your safeguarding lead."])
        let sent = try #require(stub.server.requests.last { $0.method == "POST" && $0.path == "/api/v1/messages" })
        let body = String(decoding: sent.body, as: UTF8.self)
        #expect(body.contains("topic=Referrals%3A%20how%3F"))
        #expect(body.contains("type=stream"))
    }

    @Test func heartbeatsMoveTheQueueOnButAreNotMessages() async throws {
        let zulip = try harness.makeZulip()
        let start = try await zulip.poll(after: nil).cursor
        let idle = try await zulip.poll(after: start)  // the stub answers an idle long-poll with a heartbeat
        #expect(idle.messages.isEmpty)
        #expect(idle.skipped.isEmpty)
        #expect(idle.cursor != start)
        #expect(idle.cursor.contains(#""e":0"#))
    }

    @Test func aMalformedEventIsSkippedByIdWhileGoodOnesArrive() async throws {
        let zulip = try harness.makeZulip()
        let start = try await zulip.poll(after: nil).cursor
        stub.inject(
            #"{"type": "message", "id": {ID}, "message": {"id": 555, "sender_id": 2, "type": "stream", "content": 42}}"#
        )
        stub.inject(#"{"type": "message", "id": {ID}}"#)
        stub.post("a good one", from: ZulipStubServer.personID, in: stream)
        let batch = try await zulip.poll(after: start)
        #expect(batch.messages.map(\.text) == ["a good one"])
        #expect(batch.skipped == ["555", "event 1"])
    }

    @Test func aMalformedBodyIsTransient() async throws {
        let zulip = try harness.makeZulip()
        let start = try await zulip.poll(after: nil).cursor
        stub.setFault {
            $0.path.hasPrefix("/api/v1/events") ? .respond(status: 200, body: Data("{not json".utf8)) : nil
        }
        await #expect { _ = try await zulip.poll(after: start) } throws: {
            ($0 as? PlatformError)?.kind == .transient
        }
    }

    @Test func rateLimitsCarryTheServersWait() async throws {
        let zulip = try harness.makeZulip()
        _ = try await zulip.start()
        stub.setFault { _ in
            .json(
                429,
                #"{"result": "error", "msg": "API usage exceeded rate limit", "code": "RATE_LIMIT_HIT", "retry-after": 4.5}"#,
                headers: ["Retry-After": "7"]
            )
        }
        await #expect {
            try await zulip.send(Reply(kind: .answer, text: "x"), to: stream, replyingTo: nil, idempotencyKey: "k")
        } throws: { ($0 as? PlatformError)?.kind == .rateLimited(seconds: 7) }
        stub.setFault { _ in
            .json(429, #"{"result": "error", "msg": "rate", "code": "RATE_LIMIT_HIT", "retry-after": 4.5}"#)
        }
        await #expect { _ = try await zulip.poll(after: nil) } throws: {
            ($0 as? PlatformError)?.kind == .rateLimited(seconds: 4.5)
        }
    }

    @Test func serverErrorsAreTransientAndRefusalsRejected() async throws {
        let zulip = try harness.makeZulip()
        _ = try await zulip.start()
        stub.setFault { _ in .json(502, "<html>bad gateway</html>") }
        await #expect {
            try await zulip.send(Reply(kind: .answer, text: "x"), to: stream, replyingTo: nil, idempotencyKey: "k")
        } throws: { ($0 as? PlatformError)?.kind == .transient }
        stub.setFault(nil)
        await #expect {
            try await zulip.send(
                Reply(kind: .answer, text: "x"),
                to: "stream:99:nowhere",
                replyingTo: nil,
                idempotencyKey: "k"
            )
        } throws: { ($0 as? PlatformError)?.kind == .rejected }
    }

    @Test func aRefusedKeyStopsThePlatformAndNoSecretReachesAnError() async throws {
        let refused = try harness.makeZulip(environment: ["ZULIP_KEY": "wrong-key-s3cret"])
        var errors: [PlatformError] = []
        do { _ = try await refused.start() } catch { errors.append(error) }
        #expect(errors.first?.kind == .fatal)
        let zulip = try harness.makeZulip()
        for status in [429, 500, 400] {
            stub.setFault { _ in ZulipStubServer.error(status, "BAD_REQUEST", "key \(ZulipStubServer.apiKey)") }
            do { _ = try await zulip.poll(after: nil) } catch { errors.append(error) }
        }
        stub.server.stop()
        do { _ = try await zulip.poll(after: nil) } catch { errors.append(error) }
        #expect(errors.count == 5)
        let basic = Data("\(ZulipStubServer.email):\(ZulipStubServer.apiKey)".utf8).base64EncodedString()
        for error in errors {
            let text = "\(error) \(error.message)"
            #expect(
                !text.contains(ZulipStubServer.apiKey) && !text.contains("wrong-key-s3cret") && !text.contains(basic)
            )
        }
    }

    /// The bold pairs here are the assistant's markup; the mention, channel link, LaTeX, emoji, timestamp and code
    /// must still arrive as text.
    @Test func typedMarkupStaysTextButTheAssistantsBoldAndLinksRender() async throws {
        let zulip = try harness.makeZulip()
        let text = "**Reported:** @**all** $$x$$ :tada: <time:2026-01-01> `code` #**general** [a](https://x.example)"
        try await zulip.send(
            Reply(kind: .answer, text: text),
            to: harness.directConversation,
            replyingTo: nil,
            idempotencyKey: "markup"
        )
        let raw = try #require(stub.botMessages(in: harness.directConversation).first)
        for markup in ["@**all**", "$$", ":tada:", "<time", "`", "#**"] { #expect(!raw.contains(markup)) }
        #expect(raw.hasPrefix("**Reported:**"))
        #expect(raw.hasSuffix("[a](https://x.example)"))
        #expect(
            ZulipConformanceHarness.visible(raw)
                == "Reported: @all $$x$$ :tada: <time:2026-01-01> `code` #general a"
        )
    }
}
