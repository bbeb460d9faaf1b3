import AssistantCore
import Testing

/// A threat must be recordable (issue #16, findings 1, 2 and 5): danger words in a free-text answer never discard
/// it; the emergency answer comes once, with one alert per form; questions typed at a free-text question are
/// answered, not stored; corrections work at any step.
struct AssistantFormDangerTests {
    let bot = AssistantFormTests.bot

    func message(_ text: String) -> InboundMessage {
        InboundMessage(
            platform: "matrix",
            conversationID: "!dm",
            isDirect: true,
            senderID: "@sam:x",
            text: text,
            messageID: "m",
            timestamp: 1_795_944_000  // 2026-11-29
        )
    }

    /// The state at "What happened?", after "A student" and skipping the name.
    func atWhatHappened() -> ConversationState {
        var state = bot.handle(message("raise a concern"), state: .initial).state
        for answer in ["1", "skip"] { state = bot.handle(message(answer), state: state).state }
        return state
    }

    @Test func aThreatAtTheFreeTextQuestionIsKeptAndDangerIsAskedNext() throws {
        let outcome = bot.handle(message("He told me he will bomb the hall tonight"), state: atWhatHappened())
        let session = try #require(outcome.state.form)
        #expect(session.answers["what"] == .text("He told me he will bomb the hall tonight"))
        #expect(session.phase == .asking("danger"))
        #expect(outcome.replies.first?.kind == .emergency)
        #expect(outcome.effects.count == 1)
    }

    @Test func retypingAThreatNeverRaisesASecondAlertOrRepeatsTheEmergencyAnswer() throws {
        let first = bot.handle(message("He told me he will bomb the hall tonight"), state: atWhatHappened())
        let back = bot.handle(message("back"), state: first.state)
        let again = bot.handle(message("He said again he will bomb the hall tonight"), state: back.state)
        #expect(again.effects.isEmpty)
        #expect(!again.replies.contains { $0.kind == .emergency })
        #expect(again.state.form?.answers["what"] == .text("He said again he will bomb the hall tonight"))
        let yes = bot.handle(message("yes"), state: again.state)
        #expect(yes.effects.isEmpty)
        #expect(yes.state.form?.phase == .asking("when"))
    }

    @Test func aQuestionAtTheFreeTextQuestionIsAnsweredNotStored() throws {
        let state = atWhatHappened()
        let asked = bot.handle(message("what is channel?"), state: state)
        #expect(asked.state.form?.answers["what"] == nil)
        #expect(asked.state.form?.phase == .asking("what"))
        let unknown = bot.handle(message("can I talk to my line manager about it first?"), state: state)
        #expect(unknown.state.form?.answers["what"] == nil)
        #expect(unknown.replies.first?.text.contains("haven't kept it") == true)
    }

    @Test func moreAtAFreeTextQuestionIsHelpNotATooShortAnswer() throws {
        let outcome = bot.handle(message("more"), state: atWhatHappened())
        #expect(outcome.replies.first?.text.contains("HELP-WHAT") == true)
        #expect(outcome.state.form?.answers["what"] == nil)
    }

    @Test func aNaturalCorrectionChangesTheDateWithoutLosingThePlace() throws {
        var state = atWhatHappened()
        for answer in ["He said the attack was deserved", "yesterday"] {
            state = bot.handle(message(answer), state: state).state
        }
        let corrected = bot.handle(message("the date is wrong, it was Friday"), state: state)
        let session = try #require(corrected.state.form)
        #expect(session.answers["when"]?.storedText == "2026-11-27")
        #expect(session.phase == .asking("danger"))
        let changed = bot.handle(message("change date"), state: corrected.state)
        #expect(changed.state.form?.phase == .asking("when"))
    }

    @Test func personWorksAtTheSummary() throws {
        var state = atWhatHappened()
        for answer in ["He said the attack was deserved", "today", "no", "same"] {
            state = bot.handle(message(answer), state: state).state
        }
        #expect(state.form?.phase == .confirming)
        let outcome = bot.handle(message("person"), state: state)
        #expect(outcome.state.form?.phase == .confirming)
        #expect(outcome.replies.contains { $0.text.contains("kept") })
    }
}
