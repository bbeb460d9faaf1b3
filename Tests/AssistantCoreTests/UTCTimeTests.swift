import AssistantCore
import Foundation
import Testing

/// The texts staff see give times in UTC without a formatter; they read as Foundation's ISO 8601 does.
struct UTCTimeTests {
    static let times: [Int64] = [0, 59, 86_399, 951_782_400, 1_795_944_000, 1_795_974_309]

    @Test(arguments: times)
    func isoTimeReadsAsFoundationsFormatter(time: Int64) {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        #expect(UTCTime.iso(time) == formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time))))
    }

    @Test func minuteDropsTheSeconds() {
        #expect(UTCTime.minute(1_795_944_000 + 13 * 3_600 + 5 * 60 + 9) == "2026-11-29 22:25")
    }
}
