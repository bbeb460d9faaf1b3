import AssistantCore
import CurlHTTP
import Foundation
import Platforms
import PreventAssistTesting
import Testing

/// The Mattermost adapter against a stateful stub written from the REST API v4 contract: the shared conformance
/// checks, then edits, ignored posts, threading, paging, direct channels and faults.
@Suite(.timeLimit(.minutes(1)))
struct MattermostAdapterTests {
    let stub: MattermostStubServer
    let harness: MattermostConformanceHarness
    let group = MattermostStubServer.groupChannel
    let person = MattermostStubServer.personID

    init() throws {
        stub = try MattermostStubServer()
        harness = MattermostConformanceHarness(stub: stub)
    }

    @Test(arguments: PlatformConformance.Check.allCases)
    func conforms(_ check: PlatformConformance.Check) async throws {
        try await PlatformConformance.run(check, on: harness)
    }

    /// Polls from `cursor` until `count` messages arrived (at most ten polls).
    func collect(
        _ mattermost: MattermostPlatform,
        after cursor: String,
        count: Int
    ) async throws -> (messages: [InboundMessage], skipped: [String], cursor: String) {
        var messages: [InboundMessage] = []
        var skipped: [String] = []
        var cursor = cursor
        for _ in 0..<10 where messages.count < count {
            let batch = try await mattermost.poll(after: cursor)
            messages += batch.messages
            skipped += batch.skipped
            cursor = batch.cursor
        }
        return (messages, skipped, cursor)
    }

    @Test func anEditedPostIsNotAnsweredTwice() async throws {
        let mattermost = try harness.makeMattermost()
        let start = try await mattermost.poll(after: nil).cursor
        let question = stub.post("what is Prevent?", from: person, in: group)
        let first = try await collect(mattermost, after: start, count: 1)
        #expect(first.messages.map(\.messageID) == [question])
        stub.edit(question, to: "what is the Prevent duty?")
        let afterEdit = try await mattermost.poll(after: first.cursor)
        #expect(afterEdit.messages.isEmpty)
        stub.post("and Channel?", from: person, in: group)
        let next = try await collect(mattermost, after: afterEdit.cursor, count: 1)
        #expect(next.messages.map(\.text) == ["and Channel?"])
    }

    @Test func ownOtherBotsSystemAndDeletedPostsAreIgnored() async throws {
        let mattermost = try harness.makeMattermost()
        let start = try await mattermost.poll(after: nil).cursor
        stub.post("my own answer", from: MattermostStubServer.botID, in: group)
        stub.post("an integration's post", from: person, in: group, fromBot: true)
        stub.post("sam joined the channel", from: person, in: group, type: "system_join_channel")
        let deleted = stub.post("oops", from: person, in: group)
        stub.delete(deleted)
        stub.post("a real question", from: person, in: group)
        let batch = try await collect(mattermost, after: start, count: 1)
        #expect(batch.messages.map(\.text) == ["a real question"])
        #expect(batch.skipped.isEmpty)
        #expect(try await mattermost.poll(after: batch.cursor).messages.isEmpty)
    }

    @Test func repliesGoInTheQuestionsThreadInGroupsAndInlineInDirectChannels() async throws {
        let mattermost = try harness.makeMattermost()
        let start = try await mattermost.poll(after: nil).cursor
        let root = stub.post("a question", from: person, in: group)
        let inThread = stub.post("a follow-up", from: person, in: group, rootID: root)
        stub.post("a private question", from: person, in: MattermostStubServer.directChannel)
        let messages = try await collect(mattermost, after: start, count: 3).messages
        #expect(messages.map(\.messageID).prefix(2) == [root, inThread])
        #expect(messages.map(\.threadID) == [nil, root, nil])
        for message in messages {
            try await mattermost.send(
                Reply(kind: .answer, text: "answer to \(message.text)"),
                to: message.conversationID,
                replyingTo: ReplyContext(messageID: message.messageID, threadID: message.threadID),
                idempotencyKey: "pa-\(message.messageID)-0"
            )
        }
        #expect(stub.botPosts(in: group).map(\.rootID) == [root, root])
        #expect(stub.botPosts(in: MattermostStubServer.directChannel).map(\.rootID) == [""])
        #expect(messages.last?.isDirect == true)
    }

    @Test func moreNewPostsThanOneResponseAllArriveInOrderOnce() async throws {
        let mattermost = try harness.makeMattermost()
        let start = try await mattermost.poll(after: nil).cursor
        let sent = (0..<1_005).map { stub.post("question \($0)", from: person, in: group) }
        let batch = try await collect(mattermost, after: start, count: sent.count)
        #expect(batch.messages.count == sent.count)
        let inOrderOnce = batch.messages.map(\.messageID) == sent
        #expect(inOrderOnce)
        #expect(try await mattermost.poll(after: batch.cursor).messages.isEmpty)
    }

    @Test func aDirectChannelIsOpenedThroughChannelsDirectOnce() async throws {
        let mattermost = try harness.makeMattermost()
        _ = try await mattermost.start()
        let other = MattermostStubServer.otherPersonID
        let channel = try await mattermost.openDirectConversation(with: other)
        #expect(try await mattermost.openDirectConversation(with: other) == channel)
        let opened = stub.server.requests.filter { $0.path == "/api/v4/channels/direct" }
        #expect(opened.count == 1)
        #expect(opened.first?.json as? [String] == [MattermostStubServer.botID, other])
        try await mattermost.send(
            Reply(kind: .notice, text: "An alert needs you."),
            to: channel,
            replyingTo: nil,
            idempotencyKey: "alert-1-\(other)"
        )
        #expect(stub.botPosts(in: channel).map(\.message) == ["An alert needs you."])
        let start = try await mattermost.poll(after: nil).cursor
        stub.post("ok, looking", from: other, in: channel)
        let reply = try await collect(mattermost, after: start, count: 1).messages
        #expect(reply.map(\.isDirect) == [true])
    }

    @Test func aResendAfterTheServerForgotThePendingIdIsStillNotPosted() async throws {
        let reply = Reply(kind: .answer, text: "Once only.")
        try await harness.makeMattermost().send(reply, to: group, replyingTo: nil, idempotencyKey: "pa-x-0")
        // A fresh memory: the server's pending_post_id deduplicates a quick retry on its own.
        try await harness.makeMattermost(memory: InMemoryPlatformMemory()).send(
            reply,
            to: group,
            replyingTo: nil,
            idempotencyKey: "pa-x-0"
        )
        #expect(stub.botPosts(in: group).count == 1)
        stub.forgetPendingPostIDs()
        // A restart later: only the memory remembers.
        try await harness.makeMattermost().send(reply, to: group, replyingTo: nil, idempotencyKey: "pa-x-0")
        #expect(stub.botPosts(in: group).count == 1)
        let pending = stub.server.requests.filter { $0.path == "/api/v4/posts" }.compactMap {
            ($0.json as? [String: Any])?["pending_post_id"] as? String
        }
        #expect(pending == ["pa-pa-x-0-0", "pa-pa-x-0-0"])
    }

    @Test func aMalformedPostIsSkippedByIdWhileGoodOnesArrive() async throws {
        let mattermost = try harness.makeMattermost()
        let start = try await mattermost.poll(after: nil).cursor
        let bad = stub.post("unused", from: person, in: group, malformed: true)
        stub.post("a good one", from: person, in: group)
        let batch = try await mattermost.poll(after: start)
        #expect(batch.messages.map(\.text) == ["a good one"])
        #expect(batch.skipped == [bad])
        let again = try await mattermost.poll(after: batch.cursor)
        #expect(again.skipped.isEmpty && again.messages.isEmpty)
    }

    @Test func aMalformedBodyIsTransient() async throws {
        let mattermost = try harness.makeMattermost()
        let start = try await mattermost.poll(after: nil).cursor
        stub.setFault { $0.path.contains("/posts?") ? .respond(status: 200, body: Data("[1, 2".utf8)) : nil }
        await #expect { _ = try await mattermost.poll(after: start) } throws: {
            ($0 as? PlatformError)?.kind == .transient
        }
    }

    @Test func rateLimitsCarryTheServersWait() async throws {
        let mattermost = try harness.makeMattermost()
        _ = try await mattermost.start()
        let body = #"{"id": "api.context.rate_limited", "message": "too many", "status_code": 429}"#
        stub.setFault { _ in .json(429, body, headers: ["Retry-After": "3", "X-Ratelimit-Reset": "9"]) }
        await #expect {
            try await mattermost.send(Reply(kind: .answer, text: "x"), to: group, replyingTo: nil, idempotencyKey: "k")
        } throws: { ($0 as? PlatformError)?.kind == .rateLimited(seconds: 3) }
        stub.setFault { _ in .json(429, body, headers: ["X-Ratelimit-Limit": "10", "X-Ratelimit-Reset": "9"]) }
        await #expect { _ = try await mattermost.poll(after: nil) } throws: {
            ($0 as? PlatformError)?.kind == .rateLimited(seconds: 9)
        }
    }

    @Test func serverErrorsAreTransientAndAForbiddenChannelIsRejected() async throws {
        let mattermost = try harness.makeMattermost()
        _ = try await mattermost.start()
        await #expect {
            try await mattermost.send(
                Reply(kind: .answer, text: "x"),
                to: MattermostStubServer.strangersChannel,
                replyingTo: nil,
                idempotencyKey: "k"
            )
        } throws: { ($0 as? PlatformError)?.kind == .rejected }
        stub.setFault { _ in .json(503, #"{"id": "api.server.unavailable", "status_code": 503}"#) }
        await #expect {
            try await mattermost.send(Reply(kind: .answer, text: "x"), to: group, replyingTo: nil, idempotencyKey: "k")
        } throws: { ($0 as? PlatformError)?.kind == .transient }
    }

    @Test func startWarnsAboutConfiguredChannelsTheBotIsNotIn() async throws {
        let warnings = try await harness.makeMattermost().start()
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains(MattermostStubServer.strangersChannel) == true)
    }

    @Test func aRefusedTokenStopsThePlatformAndNoSecretReachesAnError() async throws {
        var errors: [PlatformError] = []
        let refused = try harness.makeMattermost(token: "wrong-token-s3cret")
        do { _ = try await refused.start() } catch { errors.append(error) }
        #expect(errors.first?.kind == .fatal)
        let mattermost = try harness.makeMattermost()
        for status in [429, 500, 403] {
            stub.setFault { _ in MattermostStubServer.appError(status, "x", "token \(MattermostStubServer.token)") }
            do { _ = try await mattermost.poll(after: nil) } catch { errors.append(error) }
        }
        stub.server.stop()
        do { _ = try await mattermost.poll(after: nil) } catch { errors.append(error) }
        #expect(errors.count == 5)
        for error in errors {
            let text = "\(error) \(error.message)"
            #expect(!text.contains(MattermostStubServer.token) && !text.contains("wrong-token-s3cret"))
        }
    }

    @Test func typedMarkupStaysTextButTheAssistantsBoldAndLinksRender() async throws {
        let mattermost = try harness.makeMattermost()
        let text = "**Reported:** _x_ `code` ~~gone~~ | a | \n# not a heading\n1. not a list\n[a](https://x.example)"
        try await mattermost.send(Reply(kind: .answer, text: text), to: group, replyingTo: nil, idempotencyKey: "m")
        let raw = try #require(stub.botPosts(in: group).first?.message)
        #expect(
            raw
                == #"**Reported:** \_x\_ \`code\` \~\~gone\~\~ \| a \| "# + "\n" + ##"\# not a heading"## + "\n"
                + #"1\. not a list"# + "\n[a](https://x.example)"
        )
        #expect(
            MattermostConformanceHarness.visible(raw)
                == "Reported: _x_ `code` ~~gone~~ | a | \n# not a heading\n1. not a list\na"
        )
    }
}
