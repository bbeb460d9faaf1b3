import PreventAssistTesting
import Testing

extension PlatformConformanceHarness {
    /// Whether the direct conversation shows at least `count` bot messages and the last contains `text`.
    func hasAnswered(containing text: String, count: Int) async -> Bool {
        let messages = (try? await visibleBotMessages(in: directConversation)) ?? []
        return messages.count >= count && messages.last?.contains(text) == true
    }
}

/// Whether every harness ``PlatformConformanceHarness/hasAnswered(containing:count:)``.
func allAnswered(_ harnesses: [any PlatformConformanceHarness], containing text: String, count: Int) async -> Bool {
    for harness in harnesses where await !harness.hasAnswered(containing: text, count: count) { return false }
    return true
}

/// Polls `done` every 100 ms until it holds; fails the test with `what` after 90 seconds.
func waitFor(_ what: String, until done: @Sendable () async -> Bool) async throws {
    let deadline = ContinuousClock.now + .seconds(90)
    while await !done(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
    let finished = await done()
    try #require(finished, "timed out waiting for \(what)")
}
