import AssistantService
import Platforms
import Testing

/// The poller's retry decision, without sleeping: a server's wait is at most an hour and never negative.
struct RetryDecisionTests {
    let backoff = Backoff(base: 0.5, cap: 60)

    @Test(arguments: [
        (1e300, Duration.seconds(3_600)), (Double.infinity, .seconds(3_600)), (999_999_999, .seconds(3_600)),
        (-5, .zero), (-Double.infinity, .zero), (Double.nan, .zero), (2.5, .milliseconds(2_500)),
    ])
    func aServersWaitIsClampedToAnHour(_ seconds: Double, _ expected: Duration) {
        let decision = RetryDecision.after(.rateLimited(seconds: seconds), attempt: 0, backoff: backoff, unit: 0.5)
        #expect(decision == .rateLimited(expected))
    }

    @Test func transientFaultsBackOffAndRefusedCredentialsStop() {
        #expect(RetryDecision.after(.transient, attempt: 3, backoff: backoff, unit: 1) == .backOff(.seconds(4)))
        #expect(RetryDecision.after(nil, attempt: 0, backoff: backoff, unit: 0) == .backOff(.milliseconds(250)))
        #expect(RetryDecision.after(.fatal, attempt: 0, backoff: backoff, unit: 0).delay == nil)
        #expect(RetryDecision.after(.unauthorized, attempt: 0, backoff: backoff, unit: 0) == .stop)
    }

    @Test func anAbsurdBackoffConfigurationStillWaitsAtMostAnHour() {
        let absurd = Backoff(base: 1e300, cap: .infinity)
        #expect(RetryDecision.after(.transient, attempt: 40, backoff: absurd, unit: 1) == .backOff(.seconds(3_600)))
    }
}
