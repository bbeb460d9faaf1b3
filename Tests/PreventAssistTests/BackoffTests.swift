import AssistantService
import Testing

struct BackoffTests {
    let backoff = Backoff(base: 0.5, cap: 60)

    @Test(arguments: [(0, 0.5), (1, 1.0), (2, 2.0), (3, 4.0), (7, 60.0), (50, 60.0)])
    func doublesUpToTheCap(_ attempt: Int, _ ceiling: Double) {
        #expect(backoff.delay(attempt: attempt, unit: 1) == ceiling)
        #expect(backoff.delay(attempt: attempt, unit: 0) == ceiling / 2)
    }

    @Test func jitterStaysInRangeForAnyInput() {
        for unit in [-1.0, 0.3, 0.999, 5] {
            let delay = backoff.delay(attempt: 3, unit: unit)
            #expect(delay >= 2 && delay <= 4)
        }
        #expect(backoff.delay(attempt: -4, unit: 1) == 0.5)
    }
}
