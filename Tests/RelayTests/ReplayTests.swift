import CurlHTTP
import Foundation
import RelayServer
import Testing

/// Finding 6 of issue #15: sources whose signature covers only the body (Teams outgoing webhooks; Slack events
/// without an `event_id`) are replayable by design; an exact replay within the window is acknowledged, not queued.
@Suite(.timeLimit(.minutes(2)))
struct ReplayTests {
    @Test func anExactTeamsWebhookReplayIsAcknowledgedButQueuedOnce() async throws {
        let relay = try await RelayFixture(holdSeconds: 0)
        defer { Task { await relay.finish() } }
        let body = Data(#"{"type":"message","id":"1795944000001","text":"<at>Prevent</at> what is channel"}"#.utf8)
        #expect(try await relay.postTeamsWebhook(body).status == 200)
        #expect(try await relay.postTeamsWebhook(body).status == 200)
        let other = Data(#"{"type":"message","id":"1795944000002","text":"<at>Prevent</at> what is channel"}"#.utf8)
        #expect(try await relay.postTeamsWebhook(other).status == 200)
        #expect(try relay.queuedCount() == 2)
    }

    @Test func anExactSlackReplayWithoutAnEventIDIsQueuedOnce() async throws {
        let relay = try await RelayFixture()
        defer { Task { await relay.finish() } }
        let body = Data(#"{"type":"event_callback","event":{"type":"message","text":"hello","ts":"1.1"}}"#.utf8)
        #expect(try await relay.postSlack(body).status == 200)
        #expect(try await relay.postSlack(body, timestamp: relay.now - 10).status == 200)
        #expect(try relay.queuedCount() == 1)
    }
}
