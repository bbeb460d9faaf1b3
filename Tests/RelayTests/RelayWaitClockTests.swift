import Clocks
import Synchronization
import Testing

@testable import RelayServer

/// The relay's waits (a Teams reply hold, a long-poll's doorbell) are measured on the injected clock, so their
/// timeouts are tested by moving a `TestClock`, never by sleeping.
@Suite(.timeLimit(.minutes(1)))
struct RelayWaitClockTests {
    /// Moves `clock` one second at a time until `finished` holds; returns how many seconds that took.
    static func secondsUntil(_ finished: () -> Bool, on clock: Clocks.TestClock<Duration>) async -> Int {
        for second in 0..<600 {
            for _ in 0..<50 where !finished() { await Task.yield() }
            if finished() { return second }
            await clock.advance(by: .seconds(1))
        }
        return 600
    }

    @Test func aReplyHoldTimesOutOnlyWhenItsClockReachesTheTimeout() async throws {
        let clock = Clocks.TestClock()
        let hold = ReplyHold(sleeper: clock)
        let answer = Mutex<String??>(nil)
        Task {
            let text = await hold.hold(8, timeout: .seconds(5))
            answer.withLock { $0 = .some(text) }
        }
        let seconds = await Self.secondsUntil({ answer.withLock { $0 } != nil }, on: clock)
        #expect(seconds >= 5, "the hold ended after \(seconds) s of its clock")
        #expect(answer.withLock { $0 } == .some(nil))
        #expect(hold.deliver("too late", to: 8) == .tooLate)
    }

    @Test func anAnswerBeforeTheClockReachesTheTimeoutRidesTheResponse() async throws {
        let clock = Clocks.TestClock()
        let hold = ReplyHold(sleeper: clock)
        let waiting = Task { await hold.hold(7, timeout: .seconds(5)) }
        await clock.advance(by: .seconds(4))
        #expect(hold.deliver("the answer", to: 7) == .delivered)
        #expect(await waiting.value == "the answer")
    }

    @Test func aDoorbellWaitEndsWhenItsClockReachesTheTimeout() async throws {
        let clock = Clocks.TestClock()
        let doorbell = Doorbell(sleeper: clock)
        let ended = Mutex(false)
        let version = doorbell.version
        Task {
            await doorbell.wait(since: version, timeout: .seconds(30))
            ended.withLock { $0 = true }
        }
        let seconds = await Self.secondsUntil({ ended.withLock { $0 } }, on: clock)
        #expect(seconds >= 30, "the wait ended after \(seconds) s of its clock")
    }
}
