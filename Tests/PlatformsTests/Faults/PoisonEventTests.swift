import AssistantCore
import AssistantService
import Foundation
import Logging
import Platforms
import PreventAssistTesting
import Storage
import Testing

/// #15: one undecodable event must not stall a queue or hide its neighbours. For each adapter that decodes events
/// one by one, a poison event between two good ones: both good ones come back, the poison is listed in `skipped`
/// (the runtime logs it by id and counts it as `errors_total{kind="malformed"}`), and the cursor moves past it.
@Suite(.timeLimit(.minutes(2)))
struct PoisonEventTests {
    @Test func telegramSkipsANonObjectAndABrokenUpdate() async throws {
        let stub = try TelegramStub()
        defer { stub.stop() }
        let telegram = try TelegramStubHarness.platform(stub)
        _ = try await telegram.start()
        let cursor = try await telegram.poll(after: nil).cursor
        stub.postAsPerson("one", in: TelegramStub.person)
        stub.enqueueRaw { _ in "42" }
        stub.enqueueRaw { id in #"{"update_id": \#(id), "message": {"chat": 5, "text": ["x"]}}"# }
        stub.postAsPerson("two", in: TelegramStub.person)
        let batch = try await telegram.poll(after: cursor)
        #expect(batch.messages.map(\.text) == ["one", "two"])
        #expect(batch.skipped.count == 2)
    }

    @Test func zulipSkipsANonObjectAndABrokenEvent() async throws {
        let stub = try ZulipStubServer()
        let zulip = try ZulipConformanceHarness(stub: stub).makeZulip()
        let cursor = try await zulip.poll(after: nil).cursor
        let conversation = "dm:\(ZulipStubServer.personID)"
        stub.post("one", from: ZulipStubServer.personID, in: conversation)
        stub.inject("42")
        stub.inject(#"{"type": "message", "id": {ID}, "message": {"id": "x", "content": 5}}"#)
        stub.post("two", from: ZulipStubServer.personID, in: conversation)
        let batch = try await zulip.poll(after: cursor)
        #expect(batch.messages.map(\.text) == ["one", "two"])
        #expect(batch.skipped.count == 2)
    }

    /// The whole path: `serve`'s runner on Zulip answers the good messages around a poison event (which stalled the
    /// queue before: the events array failed its cast as a whole).
    @Test func theRunnerAnswersBothGoodMessagesAroundAPoisonEvent() async throws {
        let stub = try ZulipStubServer()
        let conversation = "dm:\(ZulipStubServer.personID)"
        try await TemporaryDirectory.asyncWith { directory in
            let database = try AppDatabase(file: directory.url.appendingPathComponent("db.sqlite"), key: .generate())
            let setup = try AssistantSetup.load(
                knowledgeRoot: SharedAssistant.repository,
                configurationFile: nil,
                matcher: .baseline
            )
            let logger = Logger(label: "poison") { _ in SwiftLogNoOpLogHandler() }
            let engine = ConversationEngine(
                assistant: setup.assistant,
                database: database,
                roles: AccessRoles(),
                logger: logger
            )
            let runner = PlatformRunner(
                platform: try ZulipConformanceHarness(stub: stub).makeZulip(),
                engine: engine,
                logger: logger,
                backoff: Backoff(base: 0.02, cap: 0.2)
            )
            let task = Task { try await runner.run() }
            defer { task.cancel() }
            let store = PlatformStateStore(database: database)
            try await waitFor("the first poll") { (try? store.cursor("campus-zulip")) != nil }
            stub.post("what is channel?", from: ZulipStubServer.personID, in: conversation)
            stub.inject("42")
            stub.post("what is the prevent duty?", from: ZulipStubServer.personID, in: conversation)
            try await waitFor("both good messages answered") { stub.botMessages(in: conversation).count >= 2 }
            let replies = stub.botMessages(in: conversation)
            #expect(replies.count == 2)
            #expect(replies.first?.contains("Channel") == true && replies.last?.contains("Prevent") == true)
        }
    }

    @Test func mattermostSkipsABrokenPostBetweenTwoGoodOnes() async throws {
        let stub = try MattermostStubServer()
        let mattermost = try MattermostConformanceHarness(stub: stub).makeMattermost()
        let cursor = try await mattermost.poll(after: nil).cursor
        let (person, channel) = (MattermostStubServer.personID, MattermostStubServer.directChannel)
        stub.post("one", from: person, in: channel)
        let bad = stub.post("unused", from: person, in: channel, malformed: true)
        stub.post("two", from: person, in: channel)
        let batch = try await mattermost.poll(after: cursor)
        #expect(batch.messages.map(\.text) == ["one", "two"])
        #expect(batch.skipped == [bad])
    }

    static func matrixSync(_ events: [String]) -> String {
        #"{"next_batch": "s9", "rooms": {"join": {"!r:x": {"timeline": {"limited": false, "events": [\#(events.joined(separator: ","))]}}}}}"#
    }

    static func matrixMessage(_ id: String, _ body: String) -> String {
        #"{"type": "m.room.message", "event_id": "\#(id)", "sender": "@sam:x", "origin_server_ts": 1795944000000, "content": {"msgtype": "m.text", "body": \#(body)}}"#
    }

    @Test func matrixSkipsANonObjectAndABrokenEvent() async throws {
        let sync = Self.matrixSync([
            Self.matrixMessage("$one", #""one""#), "42", Self.matrixMessage("$bad", "5"),
            #"{"type": "m.room.message", "event_id": "$huge", "sender": "@sam:x", "origin_server_ts": 1e300, "content": {"msgtype": "m.text", "body": "huge"}}"#,
            Self.matrixMessage("$two", #""two""#),
        ])
        let server = try LoopbackHTTPServer { request in
            request.path.hasPrefix("/_matrix/client/v3/sync") ? .json(200, sync) : .json(200, #"{"event_id": "$x"}"#)
        }
        defer { server.stop() }
        let matrix = try LoopbackAdapter.matrix.make(server.baseURL)
        let batch = try await matrix.poll(after: "s1")
        // Merged by server time, so "huge" (its absurd time kept for ordering) comes last; none is lost.
        #expect(batch.messages.map(\.text) == ["one", "two", "huge"], "\(batch.messages.map(\.text))")
        #expect(batch.skipped.count == 2)
        #expect(batch.cursor == "s9")
    }

    static func relayUpdates(_ good: (Int) -> String) -> String {
        #"{"events": [\#(good(1)), 42, {"seq": 2, "source": "x", "payload": "not an object"}, \#(good(3))]}"#
    }

    @Test(arguments: [LoopbackAdapter.slack, .teams])
    func relayAdaptersSkipANonObjectAndABrokenEvent(_ adapter: LoopbackAdapter) async throws {
        let body = Self.relayUpdates { seq in
            adapter == .slack
                ? #"{"seq": \#(seq), "source": "slack", "payload": {"type": "event_callback", "event": {"type": "message", "channel": "D1", "channel_type": "im", "user": "U1", "ts": "1795944000.\#(seq)", "text": "m\#(seq)"}}}"#
                : #"{"seq": \#(seq), "source": "teams-webhook", "payload": {"type": "message", "id": "a\#(seq)", "text": "m\#(seq)", "from": {"id": "29:u"}, "conversation": {"id": "19:c"}, "serviceUrl": "https://smba.example/"}}"#
        }
        let server = try LoopbackHTTPServer { request in
            request.path.hasPrefix("/v1/updates") ? .json(200, body) : .json(200, #"{"ok": true, "user_id": "UBOT"}"#)
        }
        defer { server.stop() }
        let platform = try adapter.make(server.baseURL)
        let batch = try await platform.poll(after: "0")
        #expect(batch.messages.map(\.text) == ["m1", "m3"])
        #expect(batch.skipped.count >= 1)
        #expect(batch.cursor == "3")
    }
}
