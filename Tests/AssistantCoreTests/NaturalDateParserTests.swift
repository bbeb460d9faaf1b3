import AssistantCore
import Testing

/// Natural British dates and times (issue #16, finding 6). "Today" is Sunday 2026-11-29.
struct NaturalDateParserTests {
    let parser = NaturalDateParser(today: FormFixture.today)

    @Test(arguments: [
        ("today", "2026-11-29"), ("today at 2pm", "2026-11-29"), ("this morning", "2026-11-29"),
        ("earlier today around 10:30", "2026-11-29"), ("tonight", "2026-11-29"), ("yesterday", "2026-11-28"),
        ("yesterday afternoon", "2026-11-28"), ("last night", "2026-11-28"), ("the day before yesterday", "2026-11-27"),
        ("last week", "2026-11-22"), ("on Friday", "2026-11-27"), ("Friday afternoon", "2026-11-27"),
        ("last friday", "2026-11-27"), ("3rd March", "2026-03-03"), ("March 3rd", "2026-03-03"),
        ("the 3rd of March 2026", "2026-03-03"), ("03/03/2026", "2026-03-03"), ("3/3/26", "2026-03-03"),
        ("two days ago", "2026-11-27"), ("a couple of days ago", "2026-11-27"), ("3 weeks ago", "2026-11-08"),
        ("it was on tuesday i think", "2026-11-24"), ("2026-11-20", "2026-11-20"), ("20/11", "2026-11-20"),
        ("at the weekend", "2026-11-28"), ("an hour ago", "2026-11-29"),
    ])
    func readsDays(_ input: String, _ expected: String) {
        guard case .day(let day) = parser.read(input) else {
            Issue.record("could not read \(input)")
            return
        }
        #expect(day.description == expected, "\(input)")
    }

    @Test(arguments: ["not sure", "I don't know", "can't remember", "no idea to be honest", "unsure"])
    func unsureIsAllowed(_ input: String) {
        #expect(parser.read(input) == .unknown)
    }

    @Test(arguments: ["next Friday", "tomorrow", "tomorrow at 2pm", "25/12/2026", "next week"])
    func futureDaysAreSaidToBeInTheFuture(_ input: String) {
        #expect(parser.read(input) == .future)
    }

    @Test(arguments: ["the library", "31/02", "banana", ""])
    func unreadable(_ input: String) {
        #expect(parser.read(input) == .unreadable)
    }

    @Test func aDateAnswerKeepsTheDayAndTheWords() throws {
        let slot = FormSlot(id: "when", label: "When", prompt: "", help: "", kind: .date, sensitivity: .plain)
        let value = try SlotAnswerParser(today: FormFixture.today).parse("yesterday afternoon", for: slot).get()
        #expect(value.storedText == "2026-11-28")
        #expect(value.display(in: slot) == "2026-11-28 (\"yesterday afternoon\")")
        let unsure = try SlotAnswerParser(today: FormFixture.today).parse("not sure", for: slot).get()
        #expect(unsure.storedText == "unknown")
    }

    @Test func aFutureDayGetsAClearMessageAndTheExamplesOnce() {
        let runner = FormRunner(form: FormFixture.form, today: FormFixture.today)
        var session = FormSession(formID: "raise_concern", reporterID: "x", firstSlot: "when")
        session.phase = .asking("when")
        let future = runner.step(session, input: "next Friday")
        #expect(future.messages.first?.contains("in the future") == true)
        let unreadable = runner.step(session, input: "banana")
        let text = unreadable.messages.joined(separator: "\n").lowercased()
        let examples = text.split(separator: " ").filter { $0.contains("yesterday") }.count
        #expect(examples == 1, "the examples should be printed once: \(unreadable.messages)")
    }
}
