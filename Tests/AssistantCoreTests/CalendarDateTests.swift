import AssistantCore
import Testing

struct CalendarDateTests {
    @Test func parsesAndCompares() throws {
        let early = try #require(CalendarDate(iso: "2026-02-28"))
        let late = try #require(CalendarDate(iso: "2026-11-29"))
        #expect(early < late)
        #expect(late.description == "2026-11-29")
    }

    @Test(arguments: ["2026-02-30", "2026-13-01", "26-01-01", "2026/01/01", "", "2026-1-1"])
    func rejectsImpossibleOrMalformedDates(_ text: String) {
        #expect(CalendarDate(iso: text) == nil)
    }

    @Test func leapYears() {
        #expect(CalendarDate(iso: "2028-02-29") != nil)
        #expect(CalendarDate(iso: "2100-02-29") == nil)
    }
}
