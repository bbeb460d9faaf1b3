import ChatModel
import Testing

/// The injected clock: whole seconds and milliseconds rounded down, and no trap on an absurd reading.
struct UnixClockTests {
    @Test func wholeSecondsAndMillisecondsRoundDown() {
        let clock = UnixClock.fixed(1_795_944_000.987_6)
        #expect(clock.seconds == 1_795_944_000)
        #expect(clock.milliseconds == 1_795_944_000_987)
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity, 1e300])
    func anAbsurdReadingIsZeroNotATrap(_ reading: Double) {
        let clock = UnixClock.fixed(reading)
        #expect(clock.seconds == 0)
        #expect(clock.milliseconds == 0)
    }
}
