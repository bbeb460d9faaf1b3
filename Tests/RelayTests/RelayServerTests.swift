import CurlHTTP
import Foundation
import RelayServer
import Testing

/// The relay running for real on loopback: queueing, acknowledgement, long-poll, restarts and every refusal.
@Suite(.timeLimit(.minutes(2)))
struct RelayServerTests {
    @Test func aSlackEventDeliveredThreeTimesIsQueuedOnce() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        let body = RelayFixture.slackEvent(id: "Ev0001", text: "what is channel")
        #expect(try await relay.postSlack(body).status == 200)
        #expect(try await relay.postSlack(body, retry: 1).status == 200)
        #expect(try await relay.postSlack(body, retry: 2).status == 200)
        let polled = try await relay.poll(after: 0)
        #expect(polled.status == 200)
        #expect(polled.events.count == 1)
        #expect(polled.events.first?.source == "slack")
        #expect((polled.events.first?.payload["event_id"] as? String) == "Ev0001")
    }

    @Test func urlVerificationIsAnsweredAndNotQueued() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        let body = Data(
            #"{"token":"x","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}"#
                .utf8
        )
        let response = try await relay.postSlack(body)
        #expect(response.status == 200)
        let object = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        #expect(object?["challenge"] as? String == "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
        #expect(try relay.queuedCount() == 0)
    }

    @Test func badSignatureStaleTimestampAndOversizedBodiesAreRefusedAndNothingIsQueued() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        let body = RelayFixture.slackEvent(id: "Ev0002", text: "hello")
        let wrong = SlackSignature.signature(secret: "not-the-secret", timestamp: String(relay.now), body: body)
        #expect(try await relay.postSlack(body, signature: wrong).status == 401)
        #expect(try await relay.postSlack(body, timestamp: relay.now - 301).status == 401)
        let huge = RelayFixture.slackEvent(id: "Ev0003", text: String(repeating: "a", count: 1_100_000))
        #expect(try await relay.postSlack(huge).status == 413)
        let activity = Data(#"{"type":"message","text":"<at>Prevent</at> hi"}"#.utf8)
        #expect(try await relay.postTeamsWebhook(activity, authorization: "HMAC AAAA").status == 401)
        // Mattermost and Zulip are polled by the bot directly: the relay has no route that would queue them unread.
        for path in ["/v1/mattermost/webhook", "/v1/zulip/webhook"] {
            let response = try await relay.post(
                path,
                headers: ["Content-Type": "application/json"],
                body: Data(#"{"token":"t","message":{"id":1}}"#.utf8)
            )
            #expect(response.status == 404)
        }
        #expect(try relay.queuedCount() == 0)
        #expect(try await relay.poll(after: 0).events.isEmpty)
    }

    @Test func aRelayRestartedBetweenWebhookAndPollLosesNothing() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        #expect(try await relay.postSlack(RelayFixture.slackEvent(id: "Ev0010", text: "first")).status == 200)
        #expect(try await relay.postSlack(RelayFixture.slackEvent(id: "Ev0011", text: "second")).status == 200)
        try await relay.restart()
        let events = try await relay.poll(after: 0).events
        #expect(events.map { ($0.payload["event"] as? [String: Any])?["text"] as? String } == ["first", "second"])
        // The sequence keeps rising after a restart, and a redelivery of an old event is still recognised.
        #expect(try await relay.postSlack(RelayFixture.slackEvent(id: "Ev0010", text: "first")).status == 200)
        #expect(try await relay.postSlack(RelayFixture.slackEvent(id: "Ev0012", text: "third")).status == 200)
        let later = try await relay.poll(after: events.last?.seq ?? 0).events
        #expect(later.count == 1)
        #expect((later.first?.seq ?? 0) > (events.last?.seq ?? 0))
    }

    @Test func eventsWaitWhileTheBotIsOfflineThenFlowAndAreDeletedOnceAcknowledged() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        for index in 1...3 {
            let body = RelayFixture.slackEvent(id: "Ev01\(index)", text: "question \(index)")
            #expect(try await relay.postSlack(body).status == 200)
        }
        // An hour passes with no poll; the relay is restarted too (its sweep runs at start).
        relay.now += 3_600
        try await relay.restart()
        let first = try await relay.poll(after: 0)
        #expect(first.events.count == 3)
        #expect(try relay.queuedCount() == 3)  // not acknowledged yet: a crashed bot would get them again
        let again = try await relay.poll(after: 0)
        #expect(again.events.map(\.seq) == first.events.map(\.seq))
        let acknowledged = try await relay.poll(after: first.events.last?.seq ?? 0)
        #expect(acknowledged.events.isEmpty)
        #expect(try relay.queuedCount() == 0)
    }

    @Test func eventsOlderThanTheRetentionAreDeletedEvenUnacknowledged() async throws {
        let relay = try await RelayFixture(retentionSeconds: 7_200)
        defer { Task { await relay.finish() } }
        #expect(try await relay.postSlack(RelayFixture.slackEvent(id: "Ev0200", text: "old")).status == 200)
        relay.now += 7_201
        try await relay.restart()
        #expect(try relay.queuedCount() == 0)
        #expect(try await relay.poll(after: 0).events.isEmpty)
    }

    @Test func aWaitingLongPollReturnsTheEventThatArrives() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        let waiting = Task { try await relay.poll(after: 0, timeout: 25, sources: "slack").events.count }
        try await Task.sleep(for: .milliseconds(200))
        #expect(try await relay.postSlack(RelayFixture.slackEvent(id: "Ev0300", text: "now")).status == 200)
        #expect(try await waiting.value == 1)
    }

    @Test func pollsNeedTheBotTokenAndSeeOnlyTheirSources() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        #expect(try await relay.poll(after: 0, token: "wrong").status == 401)
        #expect(try await relay.postSlack(RelayFixture.slackEvent(id: "Ev0400", text: "slack")).status == 200)
        #expect(try await relay.poll(after: 0, sources: "teams,teams-webhook").events.isEmpty)
        // Acknowledging Teams' cursor past the Slack event must not delete it.
        _ = try await relay.poll(after: 1_000, sources: "teams,teams-webhook")
        #expect(try await relay.poll(after: 0, sources: "slack").events.count == 1)
    }
}
