import Clocks
import Testing

@testable import RelayServer

/// The relay's reply hold is measured on the injected clock: an answer before the clock reaches the timeout rides
/// the webhook response, without any real waiting.
@Suite(.timeLimit(.minutes(1)))
struct RelayWaitClockTests {
    @Test func anAnswerBeforeTheClockReachesTheTimeoutRidesTheResponse() async throws {
        let clock = Clocks.TestClock()
        let hold = ReplyHold(sleeper: clock)
        let waiting = Task { await hold.hold(7, timeout: .seconds(5)) }
        await clock.advance(by: .seconds(4))
        #expect(hold.deliver("the answer", to: 7) == .delivered)
        #expect(await waiting.value == "the answer")
    }
}
