import AssistantCore
import Clocks
import CurlHTTP
import Platforms
import PreventAssistTesting
import Synchronization
import Testing

/// Between empty polls the Mattermost adapter waits its poll interval on the injected clock (not a real sleep), so
/// the wait is tested by moving a `TestClock`.
@Suite(.timeLimit(.minutes(1)))
struct MattermostPollWaitTests {
    @Test func anEmptyPollReturnsOnlyWhenItsClockHasMovedThePollInterval() async throws {
        let stub = try MattermostStubServer()
        let clock = TestClock()
        let mattermost = try MattermostPlatform(
            account: PlatformAccount(
                kind: "mattermost",
                id: "campus-mattermost",
                settings: [
                    "server": stub.server.baseURL, "token_env": "MM_TOKEN",
                    "channels": MattermostStubServer.groupChannel, "poll_interval_seconds": "30",
                ]
            ),
            environment: ["MM_TOKEN": MattermostStubServer.token],
            transport: CurlTransport(),
            memory: InMemoryPlatformMemory(),
            sleeper: clock
        )
        _ = try await mattermost.start()
        // The first poll only finds where "now" is, and returns at once.
        let start = try await mattermost.poll(after: nil).cursor
        let returned = Mutex(false)
        Task {
            _ = try? await mattermost.poll(after: start)
            returned.withLock { $0 = true }
        }
        var seconds = 0
        while !returned.withLock({ $0 }), seconds < 300 {
            // Real time for the HTTP round trips; only the clock ends the wait.
            for _ in 0..<20 where !returned.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
            if returned.withLock({ $0 }) { break }
            await clock.advance(by: .seconds(1))
            seconds += 1
        }
        #expect(returned.withLock { $0 })
        #expect(seconds >= 30, "the empty poll returned after \(seconds) s of its clock")
    }
}
