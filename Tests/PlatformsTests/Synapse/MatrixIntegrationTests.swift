import AssistantCore
import AssistantService
import CurlHTTP
import Foundation
import Platforms
import Testing

/// The assistant on a real Synapse homeserver, over libcurl.
@Suite(.synapse, .serialized, .timeLimit(.minutes(3)))
struct MatrixIntegrationTests {
    @Test func answersInARoomADirectRoomAndAThread() async throws {
        let harness = try await BotHarness()
        let staff = try await SynapseFixture.user("staff")
        let person = MatrixStaff(id: staff.id, token: staff.token)

        let room = try await person.createRoom(inviting: harness.bot.id, direct: false)
        try await person.waitFor(room, seconds: 5) { _ in true }
        let question = try await person.say("what is channel?", in: room)
        let started = Date()
        let replies = try await person.waitFor(room) { $0.contains { $0.sender == harness.bot.id } }
        let answer = try #require(replies.first { $0.sender == harness.bot.id })
        #expect(answer.body.contains("Channel"))
        #expect((answer["content"] as? [String: Any])?["msgtype"] as? String == "m.notice")
        #expect(answer.repliesTo == question)
        print("room answer after \(Date().timeIntervalSince(started)) s")

        let direct = try await person.createRoom(inviting: harness.bot.id, direct: true)
        let dmQuestion = try await person.say("what is channel?", in: direct)
        let dmReplies = try await person.waitFor(direct) { $0.contains { $0.sender == harness.bot.id } }
        #expect(dmReplies.first { $0.sender == harness.bot.id }?.repliesTo == dmQuestion)

        let root = try await person.say("a question for the thread", in: room)
        let threaded = try await person.say("who is our prevent lead?", in: room, thread: root)
        let threadReplies = try await person.waitFor(room) { messages in
            messages.contains { $0.sender == harness.bot.id && $0.repliesTo == threaded }
        }
        let inThread = try #require(threadReplies.first { $0.sender == harness.bot.id && $0.repliesTo == threaded })
        #expect(inThread.relation?["rel_type"] as? String == "m.thread")
        #expect(inThread.relation?["event_id"] as? String == root)
        await harness.stop()
    }

    @Test func aRetriedSendWithTheSameKeyProducesOneEvent() async throws {
        let harness = try await BotHarness()
        let staff = try await SynapseFixture.user("staff")
        let person = MatrixStaff(id: staff.id, token: staff.token)
        let room = try await person.createRoom(inviting: harness.bot.id, direct: false)
        try await person.waitFor(room) { _ in true }
        // Wait until the bot has joined.
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline {
            let members = try await person.call(.get, "/_matrix/client/v3/rooms/\(person.escape(room))/joined_members")
            if (members["joined"] as? [String: Any])?[harness.bot.id] != nil { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let reply = Reply(kind: .notice, text: "retried reply")
        try await harness.platform.send(reply, to: room, replyingTo: nil, idempotencyKey: "retry-test-1")
        try await harness.platform.send(reply, to: room, replyingTo: nil, idempotencyKey: "retry-test-1")
        try await Task.sleep(for: .milliseconds(500))
        let messages = try await person.messages(in: room)
        #expect(messages.filter { $0.body == "retried reply" }.count == 1)
        await harness.stop()
    }

    @Test func aConcernStartedInAGroupRoomContinuesInADirectRoom() async throws {
        let harness = try await BotHarness()
        let staff = try await SynapseFixture.user("staff")
        let person = MatrixStaff(id: staff.id, token: staff.token)
        let room = try await person.createRoom(inviting: harness.bot.id, direct: false)
        try await person.waitFor(room) { _ in true }
        try await person.say("I want to raise a concern about a student", in: room)
        let group = try await person.waitFor(room) { $0.contains { $0.sender == harness.bot.id } }
        let botInGroup = group.filter { $0.sender == harness.bot.id }
        #expect(botInGroup.count == 1)
        #expect(botInGroup.first?.body.contains("privately") == true)
        #expect(!(botInGroup.first?.body.contains("Who is the concern about") ?? true))

        // The bot invited the person to a direct room and asked the first question there.
        var direct: String?
        let deadline = Date().addingTimeInterval(20)
        while direct == nil, Date() < deadline {
            direct = try await person.invites().first
            if direct == nil { try await Task.sleep(for: .milliseconds(150)) }
        }
        let dm = try #require(direct)
        try await person.join(dm)
        let dmMessages = try await person.waitFor(dm) { $0.contains { $0.body.contains("Who is the concern about?") } }
        #expect(dmMessages.contains { $0.sender == harness.bot.id && $0.body.contains("stored") })
        try await person.say("1", in: dm)
        try await person.waitFor(dm) { $0.contains { $0.body.contains("What is their name") } }
        // Still nothing more in the group room.
        #expect(try await person.messages(in: room).filter { $0.sender == harness.bot.id }.count == 1)
        await harness.stop()
    }
}

/// Integration tests must never skip silently in CI.
struct SynapseGuardTests {
    @Test func ciProvidesSynapse() {
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            #expect(SynapseFixture.baseURL != nil, "CI must start Synapse (scripts/synapse.sh) and export its URL")
        }
    }
}
