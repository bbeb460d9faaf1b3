import AssistantCore
import Testing

/// Each behaviour users expect of a guided form, where other bot frameworks often fail.
struct FormRunnerTests {
    let runner = FormRunner(form: FormFixture.form, today: FormFixture.today)

    /// Feeds `inputs` one by one from the start and returns every step.
    func run(_ inputs: [String]) -> [FormStep] {
        var steps = [runner.start(reporterID: "console:sam")]
        for input in inputs {
            guard let session = steps.last?.session else { break }
            steps.append(runner.step(session, input: input))
        }
        return steps
    }

    let happyPath = ["1", "Jo Example", "He said the attack was deserved", "yesterday", "no", "same"]

    @Test func walksThroughEverySlotAndSubmitsOnlyAfterAnExplicitYes() throws {
        let steps = run(happyPath)
        #expect(steps[0].messages == ["INTRO", "Who?\n1. A student\n2. A member of staff"])
        let summary = try #require(steps.last?.messages.last)
        #expect(summary.contains("- **Who it is about:** A student"))
        #expect(summary.contains("- **When:** 2026-11-28"))
        #expect(summary.contains("- **How to contact you:** console:sam"))
        #expect(steps.last?.session?.phase == .confirming)
        #expect(steps.allSatisfy { $0.event == nil })

        let unclear = runner.step(try #require(steps.last?.session), input: "hmm")
        #expect(unclear.event == nil)
        let submitted = runner.step(try #require(steps.last?.session), input: "yes")
        guard case .submitted(let submission) = submitted.event else {
            Issue.record("not submitted")
            return
        }
        #expect(submitted.session == nil)
        #expect(submission.fields.map(\.slot) == ["who", "name", "what", "when", "danger", "contact"])
        #expect(submission.value("who") == "student")
        #expect(submission.fields.first { $0.slot == "name" }?.sensitivity == .identifying)
    }

    @Test func conditionSkipsSlotsThatDoNotApply() throws {
        let steps = run(["2", "He said the attack was deserved", "today", "no", "staff@example.ac.uk"])
        #expect(steps[1].messages.last == "What happened?")  // no name question for staff
        guard case .submitted(let submission) = runner.step(try #require(steps.last?.session), input: "yes").event
        else {
            Issue.record("not submitted")
            return
        }
        #expect(submission.value("name") == nil)
    }

    @Test func cancelAtAnyPointAsksFirstThenStoresNothing() throws {
        for count in 0...happyPath.count {
            let steps = run(Array(happyPath.prefix(count)) + ["cancel"])
            let asked = try #require(steps.last)
            #expect(asked.messages.first?.contains("Nothing you've told me will be kept") == true)
            let cancelled = runner.step(try #require(asked.session), input: "yes")
            #expect(cancelled.event == .cancelled)
            #expect(cancelled.session == nil)
            #expect(cancelled.messages == ["Cancelled; nothing kept."])
        }
    }

    @Test func saidNoToCancelCarriesOnWhereItWas() throws {
        let steps = run(["1", "cancel", "no"])
        #expect(steps.last?.session?.phase == .asking("name"))
        #expect(steps.last?.messages.last?.hasPrefix("Name?") == true)
    }

    @Test func backReopensThePreviousQuestion() throws {
        let steps = run(["1", "Jo Example", "back"])
        #expect(steps.last?.session?.phase == .asking("name"))
        #expect(steps.last?.session?.answers["name"] == nil)
        #expect(run(["back"]).last?.messages.first == "This is the first question.")
    }

    @Test func invalidAnswerIsReaskedWithHelpThenSkipOrPersonAfterThree() throws {
        var steps = run(["1", "skip", "short"])
        #expect(
            steps.last?.messages == [
                "Please write a little more (at least 10 characters).", "HELP-WHAT", "What happened?",
            ]
        )
        steps = run(["1", "skip", "a", "b", "c"])
        let third = try #require(steps.last)
        #expect(third.messages.contains { $0.contains("**skip**") && $0.contains("**person**") })
        let person = runner.step(try #require(third.session), input: "person")
        #expect(person.event == .handover)
        #expect(person.session?.phase == .asking("what"))
        let skipped = runner.step(try #require(third.session), input: "skip")
        #expect(skipped.session?.answers["what"] == .skipped)
    }

    @Test func requiredQuestionCannotBeSkippedBeforeTrouble() {
        let steps = run(["1", "skip", "skip"])
        #expect(steps.last?.session?.phase == .asking("what"))
        #expect(steps.last?.session?.answers["what"] == nil)
    }

    @Test func helpShowsTheSlotHelp() {
        #expect(run(["help"]).last?.messages.first == "HELP-WHO")
    }

    @Test func changeAFieldAtTheReadBack() throws {
        let steps = run(happyPath + ["change when"])
        #expect(steps.last?.session?.phase == .asking("when"))
        let answered = runner.step(try #require(steps.last?.session), input: "20/11")
        #expect(answered.session?.phase == .confirming)
        #expect(answered.messages.last?.contains("**When:** 2026-11-20") == true)
        #expect(answered.messages.last?.contains("**What was seen or heard:** He said") == true)  // others kept
        let byNumber = run(happyPath + ["no", "4"])
        #expect(byNumber.last?.session?.phase == .asking("when"))
    }

    @Test func yesToDangerTriggersTheEmergencyAndGoesOn() throws {
        let steps = run(["1", "skip", "He said the attack was deserved", "today", "yes"])
        #expect(steps.last?.event == .emergency)
        #expect(steps.last?.session?.urgent == true)
        #expect(steps.last?.session?.phase == .asking("contact"))
    }

    @Test func wrongTypeAnswersAreRefusedClearly() throws {
        #expect(run(["7"]).last?.messages.first?.contains("1 to 2") == true)
        #expect(
            run(["1", "skip", "He said the attack was deserved", "next friday"]).last?.session?.phase == .asking("when")
        )
        #expect(
            run(["1", "skip", "He said the attack was deserved", "today", "maybe"]).last?.messages.first
                == "Please reply yes or no."
        )
        let long = String(repeating: "x", count: 401)
        #expect(run(["1", "skip", long]).last?.messages.first?.contains("400 characters") == true)
    }

    @Test func pausedFormResumesOnContinue() throws {
        let steps = run(["1"])
        let paused = runner.pause(try #require(steps.last?.session))
        #expect(paused.urgent)
        let waiting = runner.step(paused, input: "what now")
        #expect(waiting.messages.first?.contains("**continue**") == true)
        let resumed = runner.step(paused, input: "continue")
        #expect(resumed.session?.phase == .asking("name"))
    }
}

struct SlotAnswerParserTests {
    let parser = SlotAnswerParser(today: FormFixture.today)  // Sunday 2026-11-29

    @Test(arguments: [
        ("today", "2026-11-29"), ("yesterday", "2026-11-28"), ("last Tuesday", "2026-11-24"), ("tuesday", "2026-11-24"),
        ("last sunday", "2026-11-22"), ("20/11", "2026-11-20"), ("2026-11-20", "2026-11-20"),
        ("3 days ago", "2026-11-26"),
        ("20 November", "2026-11-20"), ("1/12", "2025-12-01"), ("20/11/2025", "2025-11-20"), ("5th nov", "2026-11-05"),
    ])
    func readsDates(_ input: String, _ expected: String) {
        #expect(parser.parseDate(input)?.description == expected)
    }

    @Test(arguments: ["2026-12-25", "30/11/2026", "tomorrow-ish", "31/02", ""])
    func rejectsFutureOrUnreadableDates(_ input: String) {
        let slot = FormSlot(id: "d", label: "d", prompt: "", help: "", kind: .date, sensitivity: .plain)
        guard case .failure = parser.parse(input, for: slot) else {
            Issue.record("accepted \(input)")
            return
        }
    }
}
