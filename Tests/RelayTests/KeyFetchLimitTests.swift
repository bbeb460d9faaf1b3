import CurlHTTP
import Foundation
import PreventAssistTesting
import RelayServer
import Synchronization
import Testing

/// Finding 3 of issue #15: forged Bot Framework tokens must not turn the relay into an amplifier against Microsoft's
/// key endpoint (or tie it up while that endpoint hangs). Whatever the cache holds — nothing, stale keys, fresh keys
/// without the token's key id — fetches are single-flight and rate-limited.
@Suite(.timeLimit(.minutes(2)))
struct KeyFetchLimitTests {
    static let appID = "00000000-1111-2222-3333-444444444444"

    /// 300 forged activities, 50 at a time, against a relay whose key endpoint answers with `action`; returns the
    /// statuses and how many requests reached the key endpoint.
    static func forge(
        keyEndpoint action: LoopbackHTTPServer.Action
    ) async throws -> (statuses: Set<Int>, fetches: Int) {
        let keys = try LoopbackHTTPServer { _ in action }
        defer { keys.stop() }
        let relay = try await RelayFixture(
            botFramework: .init(appID: appID, openIDMetadataURL: keys.baseURL + "/v1/.well-known/openidconfiguration")
        )
        defer { Task { await relay.finish() } }
        let forger = try TestSigner(keyID: "forged-key")
        let serviceURL = "https://smba.example/teams/"
        let token = try forger.token(appID: appID, serviceURL: serviceURL)
        let body = Data(
            #"{"type":"message","id":"f1","serviceUrl":"https://smba.example/teams/","channelId":"msteams","text":"hi"}"#
                .utf8
        )
        var statuses: Set<Int> = []
        for _ in 0..<6 {
            try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<50 {
                    group.addTask {
                        try await relay.post(
                            "/v1/teams/messages",
                            headers: ["Content-Type": "application/json", "Authorization": "Bearer \(token)"],
                            body: body
                        ).status
                    }
                }
                for try await status in group { statuses.insert(status) }
            }
        }
        #expect(try relay.queuedCount() == 0)
        return (statuses, keys.requests.count)
    }

    @Test func forgedTokensWhileTheKeyEndpointFailsCauseABoundedHandfulOfFetches() async throws {
        let outcome = try await Self.forge(keyEndpoint: .json(503, #"{"error":"unavailable"}"#))
        #expect(outcome.statuses == [401])
        #expect(outcome.fetches <= 3, "\(outcome.fetches) fetches for 300 forged requests")
    }

    @Test func forgedTokensWhileTheKeyEndpointHangsCauseOneFetch() async throws {
        let outcome = try await Self.forge(keyEndpoint: .hang)
        #expect(outcome.statuses == [401])
        #expect(outcome.fetches <= 3, "\(outcome.fetches) fetches for 300 forged requests")
    }
}
