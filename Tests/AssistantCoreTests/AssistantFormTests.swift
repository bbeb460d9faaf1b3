import AssistantCore
import Testing

struct AssistantFormTests {
    static let knowledge = KnowledgeBase(
        intents: DialogueFixture.knowledge.intents + [
            Intent(
                id: "raise_concern",
                examples: [],
                answer: .article("what_is_channel"),
                action: .startForm("raise_concern")
            )
        ],
        articles: Array(DialogueFixture.knowledge.articles.values),
        safetyRules: DialogueFixture.knowledge.safetyRules,
        forms: [FormFixture.form]
    )

    /// The assistant these form tests talk to: the fixture knowledge, a matcher that knows two questions.
    static let bot = Assistant(
        knowledge: Self.knowledge,
        matcher: ScriptedMatcher(responses: [
            "raise a concern": Classification(
                ranked: [ScoredIntent(id: "raise_concern", score: 0.9)],
                decision: .matched("raise_concern")
            ),
            "what is channel?": Classification(
                ranked: [ScoredIntent(id: "what_is_channel", score: 0.9)],
                decision: .matched("what_is_channel")
            ),
        ]),
        institution: InstitutionProfile()
    )

    let bot = Self.bot

    func message(_ text: String, direct: Bool = true) -> InboundMessage {
        InboundMessage(
            platform: "matrix",
            conversationID: direct ? "!dm" : "!group",
            isDirect: direct,
            senderID: "@sam:x",
            text: text,
            messageID: "m",
            timestamp: 1_795_944_000
        )
    }

    @Test func startingInAGroupRoomMovesToADirectConversationWithoutDetails() throws {
        let outcome = bot.handle(message("raise a concern", direct: false), state: .initial)
        #expect(outcome.effects == [.continueInDirectConversation(userID: "@sam:x", formID: "raise_concern")])
        #expect(outcome.state.form == nil)
        let reply = try #require(outcome.replies.first)
        #expect(reply.text.contains("privately"))
        #expect(!reply.text.contains("INTRO"))
    }

    @Test func startsInADirectConversation() {
        let outcome = bot.handle(message("raise a concern"), state: .initial)
        #expect(outcome.state.form?.phase == .asking("who"))
        #expect(outcome.state.form?.reporterID == "matrix:@sam:x")
        #expect(outcome.replies.first?.text.hasPrefix("INTRO") == true)
    }

    @Test func aQuestionMidFormIsAnsweredThenThePendingQuestionIsAskedAgain() throws {
        let started = bot.handle(message("raise a concern"), state: .initial)
        let digressed = bot.handle(message("what is channel?"), state: started.state)
        #expect(digressed.replies.count == 2)
        #expect(digressed.replies[0].text.contains("Channel is voluntary support."))
        #expect(digressed.replies[1].text.hasPrefix("Back to your concern:\nWho?"))
        #expect(digressed.state.form == started.state.form)  // nothing answered, nothing lost
    }

    @Test func dangerLanguageAtAChoiceGivesTheEmergencyAnswerAnAlertAndAsksAboutDangerNext() throws {
        let started = bot.handle(message("raise a concern"), state: .initial)
        let danger = bot.handle(message("he will bomb the hall tonight"), state: started.state)
        #expect(danger.replies.first?.kind == .emergency)
        #expect(danger.replies.last?.text.contains("Danger now?") == true)
        #expect(
            danger.effects == [.urgentAlert(UrgentAlert(reason: .safetyScreenDuringForm, reporter: "matrix:@sam:x"))]
        )
        #expect(danger.state.form?.urgent == true)
        let answered = bot.handle(message("yes"), state: danger.state)
        #expect(answered.effects.isEmpty, "one urgent alert per form")
        #expect(answered.state.form?.phase == .asking("who"))
    }

    @Test func yesToTheDangerQuestionGivesTheEmergencyAnswerAndAnAlert() throws {
        var state = bot.handle(message("raise a concern"), state: .initial).state
        for answer in ["2", "He said the attack was deserved", "today"] {
            state = bot.handle(message(answer), state: state).state
        }
        let outcome = bot.handle(message("yes"), state: state)
        #expect(outcome.replies.first?.kind == .emergency)
        #expect(
            outcome.effects == [.urgentAlert(UrgentAlert(reason: .dangerReportedInForm, reporter: "matrix:@sam:x"))]
        )
        #expect(outcome.state.form?.phase == .asking("contact"))
    }

    @Test func submittingReturnsTheConcernAsAnEffectWithAReferencePlaceholder() throws {
        var state = bot.handle(message("raise a concern"), state: .initial).state
        for answer in ["2", "He said the attack was deserved", "today", "no", "same"] {
            state = bot.handle(message(answer), state: state).state
        }
        let outcome = bot.handle(message("yes"), state: state)
        guard case .submitConcern(let submission) = try #require(outcome.effects.first) else {
            Issue.record("no submission")
            return
        }
        #expect(submission.reporterID == "matrix:@sam:x")
        #expect(outcome.replies.first?.text.contains(Effect.referencePlaceholder) == true)
        #expect(outcome.state.form == nil)
    }

    @Test func concernCommandsBecomeQueries() {
        #expect(
            bot.handle(message("list concerns"), state: .initial).effects == [
                .concernQuery(.list(requester: "matrix:@sam:x"))
            ]
        )
        #expect(
            bot.handle(message("show pc-2026-0007 please"), state: .initial).effects
                == [.concernQuery(.show(reference: "PC-2026-0007", requester: "matrix:@sam:x"))]
        )
        #expect(ConcernCommand.reference(in: "PC-26-1") == nil)
    }
}
