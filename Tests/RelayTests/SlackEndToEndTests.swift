import AssistantCore
import CurlHTTP
import Foundation
import PreventAssistTesting
import Testing

/// A signed Slack event reaches the bot through the relay and is answered at the stub Web API.
@Suite(.timeLimit(.minutes(2)))
struct SlackEndToEndTests {
    static func account(relay: RelayFixture, slack: SlackStub) -> PlatformAccount {
        PlatformAccount(
            kind: "slack",
            id: "uni-slack",
            settings: [
                "relay_url": relay.baseURL, "relay_token_env": "RELAY_TOKEN", "bot_token_env": "SLACK_BOT_TOKEN",
                "api_base": slack.baseURL, "poll_timeout_seconds": "1",
            ]
        )
    }

    static let environment = ["RELAY_TOKEN": RelayFixture.botToken, "SLACK_BOT_TOKEN": SlackStub.botToken]

    @Test func aSignedEventDeliveredThreeTimesIsAnsweredOnceInTheDirectMessage() async throws {
        let relay = try await RelayFixture()
        let slack = try SlackStub()
        defer {
            slack.stop()
            Task { await relay.finish() }
        }
        let bot = try BotRunner(
            directory: relay.directory,
            account: Self.account(relay: relay, slack: slack),
            environment: Self.environment
        )
        try await bot.run(
            until: { slack.posted.count >= 1 && (try? relay.queuedCount()) == 0 },
            whileRunning: {
                try await BotRunner.wait { bot.cursor != nil }  // cold start done: the bot listens
                let body = RelayFixture.slackEvent(id: "Ev9001", text: "what is channel")
                for retry in [nil, 1, 2] { #expect(try await relay.postSlack(body, retry: retry).status == 200) }
            }
        )
        // Answered once, in the DM, as mrkdwn; and acknowledged, so the relay holds nothing of it.
        #expect(slack.posted.count == 1)
        let answer = try #require(slack.posted.first)
        #expect(answer.channel == "D0PERSON" && answer.threadTS == nil)
        #expect(answer.text.contains("Channel"))
        #expect(try relay.queuedCount() == 0)
    }

    @Test func aRateLimitedReplyWaitsForRetryAfterAndIsSentOnce() async throws {
        let relay = try await RelayFixture()
        let slack = try SlackStub()
        defer {
            slack.stop()
            Task { await relay.finish() }
        }
        slack.rateLimitNextPosts(1)
        let bot = try BotRunner(
            directory: relay.directory,
            account: Self.account(relay: relay, slack: slack),
            environment: Self.environment
        )
        try bot.resume(from: "0")
        let body = RelayFixture.slackEvent(
            id: "Ev9002",
            text: "<@\(SlackStub.botUserID)> what is channel",
            channel: "C0STAFF",
            channelType: "channel"
        )
        #expect(try await relay.postSlack(body).status == 200)  // queued while the bot is offline
        try await bot.run(until: { slack.posted.count >= 1 })
        #expect(slack.rateLimited == 1)
        #expect(slack.posted.count == 1)
        // The retry comes from the runtime's outbox, which passes no reply context: the answer reaches the channel,
        // though not the question's thread (see the threading test below).
        #expect(slack.posted.first?.channel == "C0STAFF")
    }

    @Test func aChannelQuestionIsAnsweredInItsThread() async throws {
        let relay = try await RelayFixture()
        let slack = try SlackStub()
        defer {
            slack.stop()
            Task { await relay.finish() }
        }
        let bot = try BotRunner(
            directory: relay.directory,
            account: Self.account(relay: relay, slack: slack),
            environment: Self.environment
        )
        try bot.resume(from: "0")
        let body = RelayFixture.slackEvent(
            id: "Ev9003",
            text: "<@\(SlackStub.botUserID)> what is channel",
            channel: "C0STAFF",
            channelType: "channel"
        )
        #expect(try await relay.postSlack(body).status == 200)
        try await bot.run(until: { slack.posted.count >= 1 })
        #expect(slack.posted.first?.channel == "C0STAFF" && slack.posted.first?.threadTS == "1795944000.000100")
        #expect(slack.posted.first?.text.contains("Channel") == true)
    }
}
