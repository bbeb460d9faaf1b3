import AssistantCore
import Testing

/// What the assistant keeps of the questions it could not answer (issue #21): declined, clarified and weak answers
/// are kept de-identified with the route, candidates, platform kind and day; nothing from a form or the safety
/// screen; a question that reads like one person's case is only counted; "no" after an answer marks it unhelpful.
struct LearningPolicyTests {
    static let responses: [String: Classification] = [
        "raise a concern": Classification(
            ranked: [ScoredIntent(id: "raise_concern", score: 0.9)],
            decision: .matched("raise_concern")
        ),
        "what is channel?": Classification(
            ranked: [ScoredIntent(id: "what_is_channel", score: 0.9), ScoredIntent(id: "after_referral", score: 0.05)],
            decision: .matched("what_is_channel")
        ),
        "channel thing maybe?": Classification(
            ranked: [ScoredIntent(id: "what_is_channel", score: 0.3), ScoredIntent(id: "after_referral", score: 0.2)],
            decision: .matched("what_is_channel")
        ),
        "channel or after?": Classification(
            ranked: [ScoredIntent(id: "what_is_channel", score: 0.45), ScoredIntent(id: "after_referral", score: 0.4)],
            decision: .ambiguous("what_is_channel", "after_referral")
        ),
    ]

    static func bot(learning: LearningSettings? = LearningSettings()) -> Assistant {
        Assistant(
            knowledge: AssistantFormTests.knowledge,
            matcher: ScriptedMatcher(
                responses: responses,
                fallback: Classification(
                    ranked: [ScoredIntent(id: "after_referral", score: 0.12)],
                    decision: .outOfScope
                )
            ),
            institution: InstitutionProfile(),
            learning: learning
        )
    }

    let bot = Self.bot()

    func message(_ text: String, direct: Bool = false) -> InboundMessage {
        InboundMessage(
            platform: "matrix",
            conversationID: direct ? "!dm:x" : "!room:x",
            isDirect: direct,
            senderID: "@sam:x",
            text: text,
            messageID: "m",
            timestamp: 1_795_944_000  // 2026-11-29
        )
    }

    func kept(_ outcome: Outcome) -> [MissedQuestion] {
        outcome.effects.compactMap { if case .keepMissedQuestion(let question) = $0 { question } else { nil } }
    }

    func counted(_ outcome: Outcome) -> [UnkeptMiss] {
        outcome.effects.compactMap { if case .countUnkeptMiss(let miss) = $0 { miss } else { nil } }
    }

    @Test func aDeclinedQuestionIsKeptDeidentifiedWithoutWhoAsked() throws {
        let outcome = bot.handle(message("Can I email jo@example.ac.uk the parking rules?"), state: .initial)
        let question = try #require(kept(outcome).first)
        #expect(question.text == "Can I email [email] the parking rules?")
        #expect(question.reason == .declined)
        #expect(question.route == "decline")
        #expect(question.platform == "matrix")
        #expect(question.day == "2026-11-29")
        #expect(question.candidates == [MissedQuestion.Candidate(intent: "after_referral", score: 0.12)])
        let encoded = "\(question)"
        for identity in ["@sam:x", "!room:x"] { #expect(!encoded.contains(identity)) }
    }

    @Test func aClarifyingQuestionAndAWeakAnswerAreKeptAStrongAnswerIsNot() throws {
        let clarified = try #require(kept(bot.handle(message("channel or after?"), state: .initial)).first)
        #expect(clarified.reason == .clarified)
        #expect(clarified.candidates.map(\.intent) == ["what_is_channel", "after_referral"])
        let weak = try #require(kept(bot.handle(message("channel thing maybe?"), state: .initial)).first)
        #expect(weak.reason == .lowConfidence)
        #expect(weak.candidates.first == MissedQuestion.Candidate(intent: "what_is_channel", score: 0.3))
        #expect(kept(bot.handle(message("what is channel?"), state: .initial)).isEmpty)
    }

    @Test func aNumberOrAWordOfTwoLettersIsNotAQuestionWorthKeeping() {
        for text in ["1", "ok", "?", "3 4"] {
            let outcome = bot.handle(message(text), state: .initial)
            #expect(outcome.route == .decline)
            #expect(kept(outcome).isEmpty, "\(text)")
        }
        #expect(kept(bot.handle(message("parking"), state: .initial)).count == 1)
    }

    @Test func nothingIsKeptFromAFormOrItsStart() {
        let fromGroup = bot.handle(message("raise a concern"), state: .initial)
        #expect(fromGroup.route == .form)
        #expect(kept(fromGroup).isEmpty && counted(fromGroup).isEmpty)
        let start = bot.handle(message("raise a concern", direct: true), state: .initial)
        #expect(start.state.form != nil)
        #expect(kept(start).isEmpty && counted(start).isEmpty)
        var state = start.state
        for answer in ["1", "skip", "parking rules for visitors?", "what is the wifi password"] {
            let outcome = bot.handle(message(answer, direct: true), state: state)
            #expect(kept(outcome).isEmpty && counted(outcome).isEmpty, "\(answer)")
            state = outcome.state
        }
    }

    @Test func nothingIsKeptWhenTheSafetyScreenFires() {
        let outcome = bot.handle(message("someone will bomb the car park, what are the parking rules"), state: .initial)
        #expect(outcome.route == .emergency)
        #expect(kept(outcome).isEmpty && counted(outcome).isEmpty)
    }

    @Test func aQuestionThatReadsLikeOnePersonsCaseIsOnlyCounted() throws {
        let outcome = bot.handle(
            message("One of my students told me yesterday she watches odd videos, what now?"),
            state: .initial
        )
        #expect(outcome.route == .decline)
        #expect(kept(outcome).isEmpty)
        let miss = try #require(counted(outcome).first)
        #expect(miss == UnkeptMiss(why: .individualCase, platform: "matrix", day: "2026-11-29"))
    }

    @Test func noAfterAnAnswerKeepsThatQuestionAsUnhelpful() throws {
        let answered = bot.handle(message("what is channel?"), state: .initial)
        #expect(answered.route == .answer)
        let feedback = bot.handle(message("no, that didn't help"), state: answered.state)
        let question = try #require(kept(feedback).first)
        #expect(question.text == "what is channel?")
        #expect(question.reason == .unhelpful)
        #expect(feedback.replies.first?.text.contains("noted the question") == true)
        #expect(feedback.state.answeredQuestion == nil)
        let again = bot.handle(message("no"), state: feedback.state)
        #expect(kept(again).allSatisfy { $0.reason != .unhelpful })
    }

    @Test func withLearningOffNothingIsKeptOrRemembered() {
        let off = Self.bot(learning: LearningSettings(enabled: false))
        let declined = off.handle(message("what are the parking rules?"), state: .initial)
        #expect(declined.effects.isEmpty)
        let answered = off.handle(message("what is channel?"), state: .initial)
        #expect(answered.state.answeredQuestion == nil)
        #expect(off.handle(message("no"), state: answered.state).effects.isEmpty)
    }

    @Test func theCapabilitiesReplySaysWhatIsKeptForHowLongAndHowToTurnItOff() {
        let on = AnswerComposer(
            knowledge: AssistantFormTests.knowledge,
            institution: InstitutionProfile(),
            learning: LearningSettings(keepDays: 30)
        )
        let text = on.dialogue(.capabilities, senderName: nil)
        #expect(text.contains("up to 30 days"))
        #expect(text.contains("learning.enabled"))
        let off = AnswerComposer(
            knowledge: AssistantFormTests.knowledge,
            institution: InstitutionProfile(),
            learning: LearningSettings(enabled: false)
        )
        #expect(off.dialogue(.capabilities, senderName: nil).contains("not kept"))
    }
}
